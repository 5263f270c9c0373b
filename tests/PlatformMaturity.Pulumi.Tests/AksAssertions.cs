using System.Text.Json.Nodes;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;

namespace PlatformMaturity.PulumiHost.Tests;

/// <summary>
/// What the AKS cluster's inputs must be for a graph record, written out with the provider's (wire) argument
/// names: every setting the record holds is there with its value, every null setting is absent.
/// </summary>
public static class AksAssertions
{
    public static void InputsMatch(KubernetesCluster cluster, PlatformGraph graph, RecordingMocks mocks)
    {
        var inputs = mocks.Single(PulumiTypes.Of(cluster), cluster.Name).Inputs;
        var expected = Expected(cluster, graph);
        foreach (var (key, value) in expected)
            Inputs.Equal(value, inputs.GetValueOrDefault(key), $"{cluster.Name}.{key}");
        // Nothing beyond what the graph sets (the SDK itself adds nothing to these arguments).
        Assert.Empty(inputs.Keys.Except(expected.Select(e => e.Key)));
    }

    /// <summary>An extra node pool's inputs: every setting of its record, on the cluster the record names.</summary>
    public static void InputsMatch(KubernetesClusterNodePool pool, RecordingMocks mocks)
    {
        var inputs = mocks.Single(PulumiTypes.Of(pool), pool.Name).Inputs;
        var p = pool.Pool;
        var expected = Object(
            ("kubernetesClusterId", RecordingMocks.IdOf(pool.Cluster)), ("mode", pool.Mode),
            ("name", p.Name), ("vmSize", p.VmSize), ("nodeCount", p.NodeCount), ("osSku", p.OsSku),
            ("autoScalingEnabled", p.AutoScalingEnabled), ("minCount", p.MinCount), ("maxCount", p.MaxCount),
            ("hostEncryptionEnabled", p.HostEncryptionEnabled), ("nodePublicIpEnabled", p.NodePublicIpEnabled), ("temporaryNameForRotation", p.TemporaryNameForRotation),
            ("upgradeSettings", p.MaxSurge is null ? null : Object(("maxSurge", p.MaxSurge))),
            ("zones", p.Zones.IsDefaultOrEmpty ? null : new JsonArray([.. p.Zones.Select(z => JsonValue.Create(z))])),
            ("vnetSubnetId", p.Subnet is null ? null : RecordingMocks.IdOf(p.Subnet)),
            ("gpuDriver", pool.GpuDriver), ("priority", pool.Priority), ("evictionPolicy", pool.EvictionPolicy), ("spotMaxPrice", pool.SpotMaxPrice),
            ("nodeTaints", pool.NodeTaints.IsDefaultOrEmpty ? null : new JsonArray([.. pool.NodeTaints.Select(t => JsonValue.Create(t))])),
            ("nodeLabels", pool.NodeLabels.IsEmpty ? null : new JsonObject(pool.NodeLabels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)JsonValue.Create(l.Value))))),
            ("tags", new JsonObject(pool.Tags.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)JsonValue.Create(t.Value))))));
        foreach (var (key, value) in expected)
            Inputs.Equal(value, inputs.GetValueOrDefault(key), $"{pool.Name}.{key}");
        // Nothing beyond what the graph sets; a default-pool setting such as onlyCriticalAddonsEnabled never leaks in.
        Assert.Empty(inputs.Keys.Except(expected.Select(e => e.Key)));
    }

    private static JsonObject Expected(KubernetesCluster c, PlatformGraph graph)
    {
        var pool = c.DefaultNodePool;
        var nodePool = Object(
            ("name", pool.Name), ("vmSize", pool.VmSize), ("nodeCount", pool.NodeCount), ("osSku", pool.OsSku),
            ("autoScalingEnabled", pool.AutoScalingEnabled), ("minCount", pool.MinCount), ("maxCount", pool.MaxCount),
            ("onlyCriticalAddonsEnabled", pool.OnlyCriticalAddonsEnabled), ("hostEncryptionEnabled", pool.HostEncryptionEnabled),
            ("nodePublicIpEnabled", pool.NodePublicIpEnabled),
            ("temporaryNameForRotation", pool.TemporaryNameForRotation),
            ("upgradeSettings", pool.MaxSurge is null ? null : Object(("maxSurge", pool.MaxSurge))),
            ("zones", pool.Zones.IsDefaultOrEmpty ? null : new JsonArray([.. pool.Zones.Select(z => JsonValue.Create(z))])),
            ("vnetSubnetId", pool.Subnet is null ? null : RecordingMocks.IdOf(pool.Subnet)));

        return Object(
            ("name", c.ClusterName),
            ("resourceGroupName", ((ResourceGroup)graph.Resource(c.ResourceGroup)).ResourceGroupName),
            ("location", c.Location), ("dnsPrefix", c.DnsPrefix), ("kubernetesVersion", c.KubernetesVersion), ("skuTier", c.SkuTier),
            ("defaultNodePool", nodePool),
            ("identity", Object(("type", c.IdentityType))),
            ("roleBasedAccessControlEnabled", c.RoleBasedAccessControlEnabled), ("localAccountDisabled", c.LocalAccountDisabled),
            ("automaticUpgradeChannel", c.AutomaticUpgradeChannel), ("nodeOsUpgradeChannel", c.NodeOsUpgradeChannel),
            ("networkProfile", c.NetworkProfile is not { } n ? null : Object(
                ("networkPlugin", n.NetworkPlugin), ("networkPluginMode", n.NetworkPluginMode),
                ("networkDataPlane", n.NetworkDataPlane), ("networkPolicy", n.NetworkPolicy),
                ("advancedNetworking", n.AdvancedNetworking is not { } acns ? null : Object(
                    ("observabilityEnabled", acns.ObservabilityEnabled), ("securityEnabled", acns.SecurityEnabled))))),
            ("maintenanceWindowAutoUpgrade", Window(c.MaintenanceWindowAutoUpgrade)),
            ("maintenanceWindowNodeOs", Window(c.MaintenanceWindowNodeOs)),
            ("azureActiveDirectoryRoleBasedAccessControl", c.AzureActiveDirectoryRoleBasedAccessControl is not { } aad ? null : Object(
                ("azureRbacEnabled", aad.AzureRbacEnabled), ("tenantId", aad.TenantId),
                ("adminGroupObjectIds", aad.AdminGroupObjectIds.IsDefaultOrEmpty ? null : new JsonArray([.. aad.AdminGroupObjectIds.Select(g => JsonValue.Create(g))])))),
            ("apiServerAccessProfile", c.ApiServerAccessProfile is not { } api ? null : Object(
                ("authorizedIpRanges", new JsonArray([.. api.AuthorizedIpRanges.Select(r => JsonValue.Create(r))])))),
            ("oidcIssuerEnabled", c.OidcIssuerEnabled), ("workloadIdentityEnabled", c.WorkloadIdentityEnabled),
            ("azurePolicyEnabled", c.AzurePolicyEnabled),
            ("imageCleanerEnabled", c.ImageCleanerEnabled), ("imageCleanerIntervalHours", c.ImageCleanerIntervalHours),
            ("autoScalerProfile", c.AutoScalerProfile is not { } a ? null : Object(
                ("balanceSimilarNodeGroups", a.BalanceSimilarNodeGroups), ("expander", a.Expander), ("scaleDownUnneeded", a.ScaleDownUnneeded))),
            ("workloadAutoscalerProfile", c.WorkloadAutoscalerProfile is not { } w ? null : Object(
                ("kedaEnabled", w.KedaEnabled), ("verticalPodAutoscalerEnabled", w.VerticalPodAutoscalerEnabled))),
            ("keyVaultSecretsProvider", c.KeyVaultSecretsProvider is not { } k ? null : Object(
                ("secretRotationEnabled", k.SecretRotationEnabled), ("secretRotationInterval", k.SecretRotationInterval))),
            ("microsoftDefender", c.MicrosoftDefender is not { } d ? null : Object(
                ("logAnalyticsWorkspaceId", RecordingMocks.IdOf(d.Workspace.Resource)))),
            ("omsAgent", c.OmsAgent is not { } o ? null : Object(
                ("logAnalyticsWorkspaceId", RecordingMocks.IdOf(o.Workspace.Resource)), ("msiAuthForMonitoringEnabled", o.MsiAuthForMonitoringEnabled))),
            ("monitorMetrics", c.MonitorMetrics is not { } m ? null : Object(
                ("annotationsAllowed", m.AnnotationsAllowed), ("labelsAllowed", m.LabelsAllowed))),
            ("storageProfile", c.StorageProfile is not { } s ? null : Object(
                ("diskDriverEnabled", s.DiskDriverEnabled), ("fileDriverEnabled", s.FileDriverEnabled),
                ("blobDriverEnabled", s.BlobDriverEnabled), ("snapshotControllerEnabled", s.SnapshotControllerEnabled))),
            ("serviceMeshProfile", c.ServiceMeshProfile is not { } mesh ? null : Object(
                ("mode", mesh.Mode), ("revisions", new JsonArray([.. mesh.Revisions.Select(r => JsonValue.Create(r))])),
                ("internalIngressGatewayEnabled", mesh.InternalIngressGatewayEnabled), ("externalIngressGatewayEnabled", mesh.ExternalIngressGatewayEnabled))),
            ("costAnalysisEnabled", c.CostAnalysisEnabled),
            ("runCommandEnabled", c.RunCommandEnabled), ("privateClusterEnabled", c.PrivateClusterEnabled),
            ("tags", new JsonObject(c.Tags.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)JsonValue.Create(t.Value))))));
    }

    private static JsonObject? Window(MaintenanceWindow? w) => w is null ? null : Object(
        ("frequency", w.Frequency), ("interval", w.Interval), ("duration", w.Duration),
        ("dayOfWeek", w.DayOfWeek), ("startTime", w.StartTime), ("utcOffset", w.UtcOffset));

    /// <summary>A JSON object of the set values; nulls stay out, as unset inputs do.</summary>
    internal static JsonObject Object(params (string Key, object? Value)[] entries)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in entries)
        {
            switch (value)
            {
                case null:
                    break;
                case JsonNode node:
                    obj[key] = node;
                    break;
                case string s:
                    obj[key] = s;
                    break;
                case bool b:
                    obj[key] = b;
                    break;
                case int i:
                    obj[key] = i;
                    break;
                case double d:
                    obj[key] = d;
                    break;
                default:
                    throw new ArgumentException($"unexpected {value.GetType().Name} for {key}");
            }
        }
        return obj;
    }
}
