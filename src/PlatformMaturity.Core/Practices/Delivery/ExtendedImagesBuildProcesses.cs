using System.Collections.Immutable;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Delivery;

/// <summary>
/// Levels 4–5: images are signed keylessly in CI (cosign with the workflow's OIDC identity, the SBOM attached as an
/// attestation, rebuilt weekly) and the cluster verifies the signatures at admission. ValidatingAdmissionPolicy cannot
/// verify signatures, so this practice installs Kyverno — for image verification only (DESIGN-policy-engines.md):
/// one ImageValidatingPolicy over tenant pods, staged Audit → Deny. On azure the registry becomes Premium with a
/// retention policy, geo-replicated to the second region, zone-redundant when the stack was created at Level 4.
/// </summary>
/// <remarks>Chart values checked against kyverno/kyverno tag kyverno-chart-3.9.0, charts/kyverno/values.yaml.</remarks>
public sealed partial class ExtendedImagesBuildProcesses : PracticeComponent
{
    public const string Namespace = "kyverno";
    public const string ReleaseName = "kyverno";
    public const string PolicyName = "tenant-images-signed";
    public const string RegistryCredentialsSecret = "registry-credentials";
    public const string IdentityName = "kyverno-identity";
    public const string FederationName = "kyverno-federation";
    public const string PullAssignmentName = "kyverno-acrpull";

    /// <summary>The admission controller's service account (release kyverno: fullname kyverno).</summary>
    public const string AdmissionServiceAccount = "kyverno-admission-controller";

    /// <summary>Days ACR keeps untagged manifests before purging them (Premium only).</summary>
    public const int RetentionDays = 30;

    public override string Practice => "Extended Images Build Processes";

    public override Implementation Implementation => new(
        Existing: $"Golden-path CI signs images keylessly (cosign, GitHub OIDC), attests the SBOM and rebuilds weekly; Kyverno (chart {Pins.Kyverno.Version}, 3 admission replicas, only image verification) with the ImageValidatingPolicy {PolicyName} verifying tenant images from the platform registry against platform:imageSigning and the tenants' repositories, Audit until pmctl upgrade --promote, then Deny; registry credentials from platform:signatureRegistryCredentials",
        Azure: $"Golden-path CI signs images keylessly (cosign, GitHub OIDC), attests the SBOM and rebuilds weekly; Kyverno (chart {Pins.Kyverno.Version}, only image verification) with the ImageValidatingPolicy {PolicyName}, Audit until promoted, reading signatures from ACR through workload identity (AcrPull); the registry moves to Premium with {RetentionDays}-day retention of untagged manifests, geo-replication to the second region, zone redundancy on registries created at Level 4");

    public override void Build(ComponentBuilder component)
    {
        var config = component.Config;
        component.AddPlatformNamespace(Namespace);
        var values = HelmValues.From(
            ("admissionController.replicas", 3),
            ("admissionController.podDisruptionBudget.enabled", true),
            ("admissionController.podDisruptionBudget.minAvailable", 1),
            ("admissionController.serviceMonitor.enabled", component.HasMonitoring),
            // Kyverno verifies images only: no generate/mutate-existing (background) or cleanup policies.
            ("backgroundController.enabled", false),
            ("cleanupController.enabled", false),
            ("reportsController.replicas", 2),
            ("features.policyExceptions.enabled", false),
            ("config.excludeKyvernoNamespace", true));
        var fromAzure = new Dictionary<string, AzureRef>();
        if (component.IsAzure)
        {
            values = values.With($"admissionController.podLabels.\"{WorkloadIdentity.UseLabel}\"", "true");
            fromAzure[$"admissionController.rbac.serviceAccount.annotations.\"{WorkloadIdentity.ClientIdAnnotation}\""] = new AzureRef(IdentityName, AzureOutput.ClientId);
            AddRegistryAccess(component);
            UpgradeRegistry(component);
        }
        var release = component.AddRelease(ReleaseName, Namespace, Pins.Kyverno, values,
            providesApiGroups: ["kyverno.io", "policies.kyverno.io", "reports.kyverno.io", "wgpolicyk8s.io"],
            dependsOn: MonitoringStack.IfMonitored(component), createNamespace: false, valuesFromAzure: fromAzure);

        var secrets = ImmutableArray<string>.Empty;
        if (!component.IsAzure && config.HasSecret(ConfigKeys.SignatureRegistryCredentials))
        {
            component.Add(new ConfigSecret
            {
                Name = $"secret-{Namespace}-{RegistryCredentialsSecret}",
                Provenance = component.Provenance,
                Cluster = ClusterRef.PrimaryKey,
                Namespace = Namespace,
                SecretName = RegistryCredentialsSecret,
                Type = "kubernetes.io/dockerconfigjson",
                Keys = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create(".dockerconfigjson", ConfigKeys.SignatureRegistryCredentials.FullName)]),
            });
            secrets = [RegistryCredentialsSecret];
        }

        var identities = Identities(config).ToList();
        if (identities.Count == 0)
        {
            component.Note($"No signer is configured (platform:imageSigning.identities, or GitHub repos in platform:tenants[].repos): the ImageValidatingPolicy is not created, since it would refuse every image once promoted.");
            return;
        }
        var registry = Security.AllowedRegistries.PlatformRegistry(config);
        var policy = component.AddObject(Policy(component, registry, identities, secrets), dependsOn: [release.Name]);
        if (Security.AllowedRegistries.AzureValuesIn([registry]) is { IsEmpty: false } fromRegistry)
            component.Contribute<KubernetesResource>(policy.Name, resource => resource with { TextFromAzure = fromRegistry });
        component.Note($"Signature checks: kubectl get policyreports -A -o wide; promote to Deny with pmctl upgrade {config.Stack} --promote ({Enforcements.ImageSignatures}).");
        component.Note("Golden-path CI: cosign sign --yes $IMAGE@$DIGEST and cosign attest --yes --type cyclonedx --predicate sbom.cdx.json $IMAGE@$DIGEST with the workflow's OIDC token; a weekly schedule rebuilds on fresh base images.");
    }

    /// <summary>
    /// Who may sign: the configured subjects (exact), and for every GitHub repository of a tenant any workflow of its
    /// main branch (golden paths name the workflow after the app), all issued by platform:imageSigning.issuer.
    /// </summary>
    public static IEnumerable<(string? Subject, string? SubjectRegExp)> Identities(PlatformConfig config) =>
        config.ImageSigning.Identities.Select(s => ((string?)s, (string?)null))
            .Concat(config.Tenants.SelectMany(t => t.Repos)
                .Select(r => GitHubRepo().Match(r))
                .Where(m => m.Success)
                .Select(m => ((string?)null, (string?)$"^https://github\\.com/{Regex.Escape(m.Groups[1].Value)}/{Regex.Escape(m.Groups[2].Value)}/\\.github/workflows/[^/@]+@refs/heads/main$"))
                .Distinct());

    [GeneratedRegex(@"^https://github\.com/([A-Za-z0-9-]+)/([A-Za-z0-9._-]+?)(\.git)?$")]
    private static partial Regex GitHubRepo();

    private static CustomObject Policy(ComponentBuilder component, string registry, IEnumerable<(string? Subject, string? SubjectRegExp)> identities, ImmutableArray<string> secrets)
    {
        var issuer = component.Config.ImageSigning.Issuer;
        var credentials = new JsonObject();
        if (component.IsAzure)
            credentials["providers"] = new JsonArray("azure");
        if (!secrets.IsEmpty)
            credentials["secrets"] = new JsonArray([.. secrets.Select(s => (JsonNode)JsonValue.Create(s)!)]);
        var spec = new JsonObject
        {
            // Staged: failures are reported (PolicyReports) and the pod admitted; promoted: refused.
            ["validationActions"] = new JsonArray(component.IsStaged(Enforcements.ImageSignatures) ? "Audit" : "Deny"),
            ["failurePolicy"] = "Fail",
            ["webhookConfiguration"] = new JsonObject { ["timeoutSeconds"] = 15 },
            ["evaluation"] = new JsonObject { ["background"] = new JsonObject { ["enabled"] = false } },
            ["matchConstraints"] = new JsonObject
            {
                ["namespaceSelector"] = new JsonObject { ["matchExpressions"] = new JsonArray(new JsonObject { ["key"] = "platform.maturity/tenant", ["operator"] = "Exists" }) },
                ["resourceRules"] = new JsonArray(new JsonObject
                {
                    ["apiGroups"] = new JsonArray(""),
                    ["apiVersions"] = new JsonArray("v1"),
                    ["operations"] = new JsonArray("CREATE", "UPDATE"),
                    ["resources"] = new JsonArray("pods"),
                }),
            },
            // Images the tenants build come from the platform registry; others are governed by the allowed-registries policy.
            ["matchImageReferences"] = new JsonArray(new JsonObject { ["glob"] = $"{registry}/*" }),
            ["attestors"] = new JsonArray(new JsonObject
            {
                ["name"] = "ci",
                ["cosign"] = new JsonObject
                {
                    ["keyless"] = new JsonObject
                    {
                        ["identities"] = new JsonArray([.. identities.Select(i =>
                        {
                            var identity = new JsonObject { ["issuer"] = issuer };
                            if (i.Subject is { } subject)
                                identity["subject"] = subject;
                            if (i.SubjectRegExp is { } pattern)
                                identity["subjectRegExp"] = pattern;
                            return (JsonNode)identity;
                        })]),
                    },
                    ["ctlog"] = new JsonObject { ["url"] = "https://rekor.sigstore.dev" },
                },
            }),
            ["validations"] = new JsonArray(new JsonObject
            {
                ["expression"] = "images.containers.map(image, verifyImageSignatures(image, [attestors.ci])).all(e, e > 0)",
                ["message"] = "the image is not signed by a CI identity of platform:imageSigning or of the tenant's repositories",
            }),
        };
        if (credentials.Count > 0)
            spec["credentials"] = credentials;
        return new CustomObject
        {
            ApiVersion = "policies.kyverno.io/v1",
            Kind = "ImageValidatingPolicy",
            Metadata = new V1ObjectMeta { Name = PolicyName },
            Spec = spec,
        };
    }

    /// <summary>Kyverno's admission controller reads signatures from ACR with its own identity (AcrPull), no stored credentials.</summary>
    private static void AddRegistryAccess(ComponentBuilder component)
    {
        WorkloadIdentity.Add(component, IdentityName, FederationName, Namespace, AdmissionServiceAccount);
        component.Add(new RoleAssignment
        {
            Name = PullAssignmentName,
            Provenance = component.Provenance,
            Scope = new AzureRef(BasicBuildProcesses.RegistryName, AzureOutput.Id),
            RoleDefinitionName = "AcrPull",
            PrincipalId = new AzureRef(IdentityName, AzureOutput.PrincipalId),
        });
    }

    /// <summary>Premium with retention; geo-replicated to the other regions; zone-redundant only where the registry is new (the setting forces a new registry).</summary>
    private static void UpgradeRegistry(ComponentBuilder component)
    {
        var config = component.Config;
        component.Contribute<ContainerRegistry>(BasicBuildProcesses.RegistryName, registry => registry with
        {
            Sku = "Premium",
            RetentionPolicyInDays = RetentionDays,
            ZoneRedundancyEnabled = config.RegistryZoneRedundancy,
            // The provider expects geo-replications in alphabetical order of location, never the registry's own.
            Georeplications = [.. config.Regions.Skip(1).Distinct().Order(StringComparer.Ordinal)
                .Select(region => new RegistryGeoreplication(region, config.RegistryZoneRedundancy))],
        });
        if (!config.RegistryZoneRedundancy)
            component.Note($"The registry is not zone-redundant: the setting forces a new registry, so only stacks created at Level 4 get it ({ConfigKeys.RegistryZoneRedundancy.FullName}).");
    }
}
