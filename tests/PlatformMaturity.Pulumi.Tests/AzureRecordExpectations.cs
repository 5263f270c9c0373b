using System.Text.Json.Nodes;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;

namespace PlatformMaturity.PulumiHost.Tests;

/// <summary>
/// The inputs each Azure record must become, written out with the provider's wire names (the [Input("…")] names of
/// pulumi-azure v6.39.0 sdk/dotnet) and the outputs the mocks give the resources it refers to: every setting the record
/// holds, nothing else. Written from the records, not from the mappers, so a mapper that drops or renames an argument fails.
/// </summary>
public static class AzureRecordExpectations
{
    /// <summary>The record's expected inputs; throws for a kind written out nowhere here, so a new kind cannot go unasserted.</summary>
    public static JsonObject Of(AzureResource record, PlatformGraph graph, RecordingMocks mocks)
    {
        string Name(string graphName) => MockName(graphName, graph, mocks);
        string Id(string graphName) => RecordingMocks.IdOf(graphName);
        string Ref(AzureRef r) => MockOutput(r, graph, mocks);
        static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => JsonValue.Create(v))]);

        return record switch
        {
            ResourceGroup g => Obj(("name", g.ResourceGroupName), ("location", g.Location), ("tags", Tags(g))),
            ContainerRegistry r => Obj(
                ("resourceGroupName", Name(r.ResourceGroup)), ("location", r.Location), ("sku", r.Sku), ("adminEnabled", r.AdminEnabled),
                ("retentionPolicyInDays", r.RetentionPolicyInDays), ("zoneRedundancyEnabled", r.ZoneRedundancyEnabled ? true : null),
                ("georeplications", r.Georeplications.IsEmpty ? null : new JsonArray([.. r.Georeplications.Select(g => (JsonNode)Obj(("location", g.Location), ("zoneRedundancyEnabled", g.ZoneRedundancyEnabled)))])),
                ("tags", Tags(r))),
            KeyVault v => Obj(
                ("resourceGroupName", Name(v.ResourceGroup)), ("location", v.Location), ("tenantId", RecordingMocks.TenantId), ("skuName", v.SkuName),
                ("rbacAuthorizationEnabled", v.RbacAuthorizationEnabled), ("purgeProtectionEnabled", v.PurgeProtectionEnabled),
                ("softDeleteRetentionDays", v.SoftDeleteRetentionDays), ("tags", Tags(v))),
            LogAnalyticsWorkspace w => Obj(
                ("resourceGroupName", Name(w.ResourceGroup)), ("location", w.Location), ("sku", w.Sku), ("retentionInDays", w.RetentionInDays),
                ("localAuthenticationEnabled", w.LocalAuthenticationEnabled), ("tags", Tags(w))),
            StorageAccount a => Obj(
                ("resourceGroupName", Name(a.ResourceGroup)), ("location", a.Location), ("accountTier", a.AccountTier),
                ("accountReplicationType", a.AccountReplicationType), ("accountKind", a.AccountKind), ("minTlsVersion", a.MinTlsVersion),
                ("allowNestedItemsToBePublic", a.AllowNestedItemsToBePublic), ("sharedAccessKeyEnabled", a.SharedAccessKeyEnabled),
                ("defaultToOauthAuthentication", a.DefaultToOauthAuthentication), ("httpsTrafficOnlyEnabled", a.HttpsTrafficOnlyEnabled), ("tags", Tags(a))),
            StorageContainer c => Obj(("name", c.ContainerName), ("storageAccountId", Ref(c.StorageAccount)), ("containerAccessType", c.ContainerAccessType)),
            UserAssignedIdentity i => Obj(("resourceGroupName", Name(i.ResourceGroup)), ("location", i.Location), ("tags", Tags(i))),
            FederatedIdentityCredential f => Obj(
                ("audience", f.Audience), ("issuer", f.Issuer ?? RecordingMocks.OidcIssuerOf(f.Cluster!)), ("subject", f.Subject),
                ("userAssignedIdentityId", Id(f.Identity))),
            RoleAssignment a => Obj(("scope", Ref(a.Scope)), ("roleDefinitionName", a.RoleDefinitionName), ("principalId", Ref(a.PrincipalId)), ("principalType", a.PrincipalType)),
            GroupRoleAssignment a => Obj(("scope", Ref(a.Scope) + a.ScopeSuffix), ("roleDefinitionName", a.RoleDefinitionName), ("principalId", a.GroupObjectId), ("principalType", "Group")),
            BudgetResourceGroup b => Obj(
                ("name", b.BudgetName), ("resourceGroupId", Id(b.ResourceGroup)), ("amount", b.Amount), ("timeGrain", b.TimeGrain),
                ("timePeriod", Obj(("startDate", b.StartDate))),
                ("notifications", new JsonArray([.. b.Notifications.Select(n => (JsonNode)Obj(
                    ("enabled", true), ("operator", n.Operator), ("threshold", n.Threshold), ("thresholdType", n.ThresholdType), ("contactEmails", Strings(n.ContactEmails))))]))),
            FrontDoorProfile p => Obj(
                ("name", p.ProfileName), ("resourceGroupName", Name(p.ResourceGroup)), ("skuName", p.SkuName), ("responseTimeoutSeconds", p.ResponseTimeoutSeconds), ("tags", Tags(p))),
            FrontDoorEndpoint e => Obj(("name", e.EndpointName), ("cdnFrontdoorProfileId", Id(e.Profile)), ("tags", Tags(e))),
            FrontDoorOriginGroup g => Obj(
                ("name", g.GroupName), ("cdnFrontdoorProfileId", Id(g.Profile)), ("sessionAffinityEnabled", g.SessionAffinityEnabled),
                ("healthProbe", Obj(("path", g.HealthProbe.Path), ("protocol", g.HealthProbe.Protocol), ("requestType", g.HealthProbe.RequestType), ("intervalInSeconds", g.HealthProbe.IntervalInSeconds))),
                ("loadBalancing", Obj(("sampleSize", g.LoadBalancing.SampleSize), ("successfulSamplesRequired", g.LoadBalancing.SuccessfulSamplesRequired),
                    ("additionalLatencyInMilliseconds", g.LoadBalancing.AdditionalLatencyInMilliseconds)))),
            FrontDoorOrigin o => Obj(
                ("name", o.OriginName), ("cdnFrontdoorOriginGroupId", Id(o.OriginGroup)), ("hostName", o.HostName), ("priority", o.Priority),
                ("weight", o.Weight), ("certificateNameCheckEnabled", o.CertificateNameCheckEnabled)),
            FrontDoorRoute r => Obj(
                ("name", r.RouteName), ("cdnFrontdoorEndpointId", Id(r.Endpoint)), ("cdnFrontdoorOriginGroupId", Id(r.OriginGroup)),
                ("cdnFrontdoorOriginIds", Strings(r.Origins.Select(Id))), ("patternsToMatches", Strings(r.PatternsToMatch)),
                ("supportedProtocols", Strings(r.SupportedProtocols)), ("forwardingProtocol", r.ForwardingProtocol),
                ("httpsRedirectEnabled", r.HttpsRedirectEnabled), ("linkToDefaultDomain", r.LinkToDefaultDomain)),
            KubernetesFleetManager f => Obj(("name", f.FleetName), ("resourceGroupName", Name(f.ResourceGroup)), ("location", f.Location), ("tags", Tags(f))),
            FleetMember m => Obj(("name", m.MemberName), ("kubernetesFleetId", Id(m.Fleet)), ("kubernetesClusterId", Id(m.Cluster)), ("group", m.Group)),
            FleetUpdateStrategy s => Obj(
                ("name", s.StrategyName), ("kubernetesFleetManagerId", Id(s.Fleet)),
                ("stages", new JsonArray([.. s.Stages.Select(stage => (JsonNode)Obj(
                    ("name", stage.Name), ("groups", new JsonArray([.. stage.Groups.Select(g => (JsonNode)Obj(("name", g)))])),
                    ("afterStageWaitInSeconds", stage.AfterStageWaitInSeconds)))]))),
            FleetUpdateRun r => Obj(
                ("name", r.RunName), ("kubernetesFleetManagerId", Id(r.Fleet)), ("fleetUpdateStrategyId", Id(r.Strategy)),
                ("managedClusterUpdate", Obj(
                    ("upgrade", Obj(("type", r.UpgradeType), ("kubernetesVersion", r.KubernetesVersion))),
                    ("nodeImageSelection", r.NodeImageSelection is null ? null : Obj(("type", r.NodeImageSelection)))))),
            PolicyAssignment p => Obj(
                ("name", p.Name), ("resourceId", Ref(p.ResourceId)), ("policyDefinitionId", p.PolicyDefinitionId), ("displayName", p.DisplayName),
                ("parameters", Parameters(p.Parameters))),
            ResourceGroupPolicyAssignment p => Obj(
                ("name", p.AssignmentName), ("resourceGroupId", Id(p.ResourceGroup)), ("policyDefinitionId", p.PolicyDefinitionId), ("displayName", p.DisplayName),
                ("parameters", Parameters(p.Parameters))),
            DiagnosticSetting d => Obj(
                ("name", d.Name), ("targetResourceId", Ref(d.TargetResourceId)), ("logAnalyticsWorkspaceId", Ref(d.LogAnalyticsWorkspaceId)),
                ("logAnalyticsDestinationType", d.LogAnalyticsDestinationType),
                ("enabledLogs", new JsonArray([.. d.EnabledLogCategories.Select(c => (JsonNode)Obj(("category", c)))]))),
            LogAnalyticsWorkspaceTable t => Obj(("name", t.TableName), ("workspaceId", Ref(t.WorkspaceId)), ("retentionInDays", t.RetentionInDays)),
            VirtualNetwork n => Obj(
                ("name", n.VirtualNetworkName), ("resourceGroupName", Name(n.ResourceGroup)), ("location", n.Location), ("addressSpaces", Strings(n.AddressSpaces)), ("tags", Tags(n))),
            Subnet s => Obj(
                ("name", s.SubnetName), ("resourceGroupName", Name(s.ResourceGroup)), ("virtualNetworkName", Name(s.VirtualNetwork)), ("addressPrefixes", Strings(s.AddressPrefixes)),
                ("delegations", s.Delegation is not { } d ? null : new JsonArray(Obj(
                    ("name", d.Name), ("serviceDelegation", Obj(("name", d.Service), ("actions", Strings(d.Actions)))))))),
            VirtualNetworkPeering p => Obj(
                ("name", p.PeeringName), ("resourceGroupName", Name(p.ResourceGroup)), ("virtualNetworkName", Name(p.VirtualNetwork)),
                ("remoteVirtualNetworkId", Id(p.RemoteVirtualNetwork)), ("allowVirtualNetworkAccess", true), ("allowForwardedTraffic", p.AllowForwardedTraffic)),
            // The AKS cluster and node pools have their own, longer expectations.
            KubernetesCluster or KubernetesClusterNodePool => throw new ArgumentException("use AksAssertions for AKS records", nameof(record)),
            _ => throw new ArgumentException($"no expected inputs for {record.GetType().Name}: write them out here when the graph gains a kind", nameof(record)),
        };
    }

    /// <summary>The Azure name the mocks give a mapped resource: its name input, or the name Azure would generate.</summary>
    public static string MockName(string graphName, PlatformGraph graph, RecordingMocks mocks) =>
        mocks.Single(PulumiTypes.Of(graph.Resource(graphName)), graphName).Inputs.GetValueOrDefault("name") as string ?? $"{graphName}-azure-name";

    /// <summary>What the mocks answer for an output a record refers to.</summary>
    public static string MockOutput(AzureRef reference, PlatformGraph graph, RecordingMocks mocks) => reference.Output switch
    {
        AzureOutput.Id => RecordingMocks.IdOf(reference.Resource),
        AzureOutput.Name => MockName(reference.Resource, graph, mocks),
        AzureOutput.ClientId => $"{reference.Resource}-client-id",
        AzureOutput.PrincipalId => $"{reference.Resource}-principal-id",
        AzureOutput.OidcIssuerUrl => RecordingMocks.OidcIssuerOf(reference.Resource),
        AzureOutput.KubeletIdentityObjectId => RecordingMocks.KubeletObjectId,
        AzureOutput.LoginServer => RecordingMocks.LoginServerOf(reference.Resource),
        AzureOutput.Fqdn => RecordingMocks.FqdnOf(reference.Resource),
        AzureOutput.ClusterCaCertificate => RecordingMocks.CaOf(reference.Resource),
        _ => throw new ArgumentOutOfRangeException(nameof(reference), reference.Output, "no mock answer for this output"),
    };

    private static JsonObject Tags(AzureResource record) =>
        new(record.Tags.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)JsonValue.Create(t.Value))));

    /// <summary>Azure Policy's parameter JSON text: {"name": {"value": …}}.</summary>
    private static string Parameters(IEnumerable<KeyValuePair<string, string>> parameters) =>
        new JsonObject(parameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)new JsonObject { ["value"] = p.Value }))).ToJsonString();

    private static JsonObject Obj(params (string Key, object? Value)[] entries) => AksAssertions.Object(entries);
}
