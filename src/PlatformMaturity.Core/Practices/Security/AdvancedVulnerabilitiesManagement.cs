using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Model;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Security;

/// <summary>
/// Levels 3–5: findings lead to action. Critical findings raise alerts, tenant pods may only run images from the
/// allowed registries (refused at admission), and on azure Defender for Containers watches the cluster.
/// </summary>
public sealed class AdvancedVulnerabilitiesManagement : PracticeComponent
{
    public const string BasicPractice = "Basic Vulnerabilities Management";
    public const string AllowedRegistriesPolicy = "platform-allowed-registries";
    public const string AlertRuleName = "vulnerability-alerts";

    public override string Practice => "Advanced Vulnerabilities Management";

    public override Implementation Implementation => new(
        Existing: "PrometheusRule alerting on critical findings of running images; a ValidatingAdmissionPolicy refusing tenant pods whose images are not from platform:allowedRegistries or the exact repositories of the images the platform injects (auto-instrumentation); trivy-operator itself once Basic Vulnerabilities Management is superseded",
        Azure: "Microsoft Defender for Containers reporting to the platform's Log Analytics workspace (when the workspace exists before the cluster); PrometheusRule alerting on critical findings; a ValidatingAdmissionPolicy refusing tenant pods whose images are not from platform:allowedRegistries or the exact repositories of the images the platform injects (auto-instrumentation)");

    public override void Build(ComponentBuilder component)
    {
        // From Level 4 the basic practice is superseded: the scanner stays, now owned here (same names, aliased).
        if (!component.InEffect(BasicPractice))
            VulnerabilityScanner.Add(component, component.Since(MaturityModel.Default.Practice(BasicPractice).ListedAt[^1] + 1));

        if (component.HasMonitoring)
            AddAlerts(component);
        else
            component.Note("No Prometheus operator runs on this platform, so critical findings raise no alerts; read them with kubectl get vulnerabilityreports -A.");

        AddRegistryAllowList(component);

        if (component.IsAzure)
            EnableDefender(component);
        component.Note("SBOMs of tenant images are produced in CI by the golden paths' pipelines (pmctl app new); trivy-operator keeps SbomReports of running images: kubectl get sbomreports -A.");
    }

    private static void AddAlerts(ComponentBuilder component)
    {
        var rule = new CustomObject
        {
            ApiVersion = "monitoring.coreos.com/v1",
            Kind = "PrometheusRule",
            Metadata = new V1ObjectMeta
            {
                Name = AlertRuleName,
                NamespaceProperty = WellKnown.MonitoringNamespace,
                Labels = new Dictionary<string, string> { ["release"] = WellKnown.PrometheusStackRelease },
            },
            Spec = new JsonObject
            {
                ["groups"] = new JsonArray(new JsonObject
                {
                    ["name"] = "platform.vulnerabilities",
                    ["rules"] = new JsonArray(
                        Alert("CriticalVulnerabilityInRunningImage",
                            // trivy-operator's severity label is capitalised ("Critical"); match any case to be safe across versions.
                            "sum by (namespace, image_registry, image_repository, image_tag) (trivy_image_vulnerabilities{severity=~\"(?i)critical\"}) > 0",
                            "15m",
                            "A running image has critical vulnerabilities with a fix",
                            "{{ $labels.image_registry }}/{{ $labels.image_repository }}:{{ $labels.image_tag }} in {{ $labels.namespace }} has {{ $value }} critical vulnerabilities with a fix. Rebuild it on a patched base image and redeploy; details: kubectl get vulnerabilityreports -n {{ $labels.namespace }} -o wide"),
                        Alert("VulnerabilityScannerDown",
                            $"absent(up{{job=\"{VulnerabilityScanner.ReleaseName}\", namespace=\"{VulnerabilityScanner.Namespace}\"}} == 1)",
                            "15m",
                            "The vulnerability scanner is not reporting",
                            $"Prometheus has not scraped trivy-operator for 15 minutes, so new findings go unnoticed. Check: kubectl get pods -n {VulnerabilityScanner.Namespace}")),
                }),
            },
        };
        // The PrometheusRule CRD comes with the monitoring stack, so the graph orders the rule after it.
        component.AddObject(rule);
        component.Note($"Critical findings alert as CriticalVulnerabilityInRunningImage (PrometheusRule {WellKnown.MonitoringNamespace}/{AlertRuleName}); a silent scanner alerts as VulnerabilityScannerDown.");
    }

    private static JsonObject Alert(string name, string expr, string forDuration, string summary, string description) => new()
    {
        ["alert"] = name,
        ["expr"] = expr,
        ["for"] = forDuration,
        ["labels"] = new JsonObject { ["severity"] = "warning", ["category"] = "security" },
        ["annotations"] = new JsonObject { ["summary"] = summary, ["description"] = description },
    };

    /// <summary>Refuses, at admission, tenant pods with an image from a registry that is not on the allow-list.</summary>
    private static void AddRegistryAllowList(ComponentBuilder component)
    {
        var config = component.Config;
        var registries = AllowedRegistries.ImageSources(config);
        if (!AllowedRegistries.AzureValuesIn(registries).IsEmpty && !AllowedRegistries.HasAzureRegistry(component))
        {
            // Only a partial platform lacks the registry; without it the default would name nothing that exists.
            component.Note($"This platform has no Azure Container Registry, so there is no default registry allow-list; set {ConfigKeys.AllowedRegistries.FullName}.");
            return;
        }
        if (config.Tenants.IsDefaultOrEmpty)
        {
            component.Note($"No tenants yet, so no namespace is bound to the registry allow-list ({string.Join(", ", registries)}).");
            return;
        }
        var policy = component.AddObject(new V1ValidatingAdmissionPolicy
        {
            ApiVersion = "admissionregistration.k8s.io/v1",
            Kind = "ValidatingAdmissionPolicy",
            Metadata = new V1ObjectMeta { Name = AllowedRegistriesPolicy },
            Spec = new V1ValidatingAdmissionPolicySpec
            {
                FailurePolicy = "Fail",
                MatchConstraints = new V1MatchResources
                {
                    ResourceRules =
                    [
                        new V1NamedRuleWithOperations
                        {
                            ApiGroups = [""],
                            ApiVersions = ["v1"],
                            Operations = ["CREATE", "UPDATE"],
                            Resources = ["pods"],
                        },
                    ],
                },
                Variables =
                [
                    new V1Variable
                    {
                        Name = "images",
                        Expression = "object.spec.containers.map(c, c.image)"
                            + " + (has(object.spec.initContainers) ? object.spec.initContainers.map(c, c.image) : [])"
                            + " + (has(object.spec.ephemeralContainers) ? object.spec.ephemeralContainers.map(c, c.image) : [])",
                    },
                ],
                Validations =
                [
                    new V1Validation
                    {
                        Expression = AllowedImagesExpression(registries),
                        Message = $"every container image must come from an allowed registry ({string.Join(", ", registries)}); the platform team sets them in {ConfigKeys.AllowedRegistries.FullName}",
                        Reason = "Forbidden",
                    },
                ],
            },
        });
        // On azure the default names the platform registry by its login server, known once Azure creates it.
        if (AllowedRegistries.AzureValuesIn(registries) is { IsEmpty: false } fromAzure)
        {
            component.Contribute<KubernetesResource>(policy.Name, resource => resource with { TextFromAzure = fromAzure });
            component.Note($"The policy names the platform's Azure Container Registry by its login server, which Azure generates: pulumi up fills it in, pmctl render shows {AllowedRegistries.AzureLoginServer.Placeholder} (az acr list --query \"[].loginServer\" -o tsv).");
        }
        // A binding may exist before its policy (it is inactive until then), so the two need no ordering.
        // Staged, it reports (Warn, Audit) what it will refuse once promoted (Deny).
        var staged = component.IsStaged(Enforcements.AllowedRegistries);
        component.AddObject(PlatformObjects.TenantPolicyBinding(AllowedRegistriesPolicy, config, staged));
        var allowed = $"{string.Join(", ", AllowedRegistries.For(config))} and the platform's own injected images (exactly the upstream repositories {string.Join(", ", TenantPodImages.Repositories)}, not mirrored)";
        component.Note(staged
            ? $"Staged ({Enforcements.AllowedRegistries} in platform:staged): tenant pods with images from outside {allowed} are still admitted, with a warning and an audit annotation; move them, then enforce with pmctl upgrade {config.Stack} --promote."
            : $"Tenant pods may run images from {allowed} only; anything else is refused when the pod is created (a Deployment's ReplicaSet shows the refusal in kubectl get events -n <tenant>).");
    }

    /// <summary>
    /// CEL true when every image is from an allowed registry: a host[/path] entry matches images under it,
    /// a *.domain entry matches any host under the domain. Images without a registry (Docker Hub short names) never match.
    /// The repositories of the images the platform injects (<see cref="TenantPodImages"/>) match only themselves,
    /// with a tag, a digest or both: nothing under them, no other repository of their registry, and never untagged.
    /// </summary>
    public static string AllowedImagesExpression(IEnumerable<string> registries)
    {
        var checks = registries.Select(r =>
            r.StartsWith("*.", StringComparison.Ordinal) ? $"image.matches('{CelEscape("^[^/]+" + Regex.Escape(r[1..]) + "/")}')"
            : TenantPodImages.Repositories.Contains(r) ? $"image.matches('{CelEscape("^" + Regex.Escape(r) + TagOrDigest + "$")}')"
            : $"image.startsWith('{r}/')");
        return $"variables.images.all(image, {string.Join(" || ", checks)})";
    }

    /// <summary>RE2: ":tag", "@sha256:digest" or both (the tag grammar of the OCI distribution spec).</summary>
    private const string TagOrDigest = "(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}(@sha256:[0-9a-f]{64})?|@sha256:[0-9a-f]{64})";

    private static string CelEscape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal);

    /// <summary>
    /// Defender for Containers reports to the platform's Log Analytics workspace. It is enabled when the workspace is
    /// already in the graph as this practice composes, i.e. owned by the foundation: a workspace owned by a practice that
    /// itself follows the cluster (monitoring) would make the cluster and that practice depend on each other.
    /// </summary>
    private static void EnableDefender(ComponentBuilder component)
    {
        if (!component.Existing<LogAnalyticsWorkspace>().Any(w => w.Name == WellKnown.LogAnalyticsWorkspace))
        {
            component.Note($"Microsoft Defender for Containers is not enabled: it reports to the platform's Log Analytics workspace ({WellKnown.LogAnalyticsWorkspace}), which this platform does not create before the cluster.");
            return;
        }
        component.Contribute<KubernetesCluster>(Foundation.ClusterName, cluster => cluster with
        {
            MicrosoftDefender = new LogAnalyticsLink(new AzureRef(WellKnown.LogAnalyticsWorkspace, AzureOutput.Id)),
        });
        component.Note("Microsoft Defender for Containers assesses the cluster and its images and detects runtime threats; its recommendations and alerts are in Defender for Cloud (the subscription needs the Defender for Containers plan).");
    }
}
