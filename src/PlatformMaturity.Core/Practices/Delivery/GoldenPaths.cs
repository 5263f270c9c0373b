using System.Text.Json.Nodes;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Rendering;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Delivery;

/// <summary>
/// Levels 3–5, platform side: what an application must know to land on this platform, published in the cluster
/// (ConfigMap kube-public/golden-paths, readable by every authenticated user like KEP-1755's registry ConfigMap)
/// so golden-path templates, pipelines and people read one source instead of guessing. The templates themselves
/// and pmctl app new belong to the golden-path tooling.
/// </summary>
public sealed class GoldenPaths : PracticeComponent
{
    public const string ConfigMapName = "golden-paths";
    public const string ContractKey = "goldenPaths.v1";

    public override string Practice => "Golden Paths";

    public override Implementation Implementation => Implementation.OnBothTargets(
        $"The platform contract golden paths build on, published in ConfigMap {PlatformNamespaces.KubePublic}/{ConfigMapName}: tenants and their namespaces, registry, DORA annotations, OpenTelemetry instrumentation, Argo Rollouts analysis endpoint and the deployment practices checked at admission; templates and pmctl app new scaffold applications against it");

    public override void Build(ComponentBuilder component)
    {
        component.AddObject(new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta { Name = ConfigMapName, NamespaceProperty = PlatformNamespaces.KubePublic },
            Data = new Dictionary<string, string> { [ContractKey] = Yaml.Of(Contract(component)) },
        });
        if (component.Level >= PostgresOperator.FromLevel)
            PostgresOperator.Add(component);
        component.Note($"Read the contract: kubectl get configmap {ConfigMapName} -n {PlatformNamespaces.KubePublic} -o jsonpath='{{.data.goldenPaths\\.v1}}'");
        component.Note("Scaffold an application against it with pmctl app new (golden-path templates), then deliver it into the tenant's namespace.");
    }

    /// <summary>The contract, with only what the practices in effect provide.</summary>
    internal static JsonObject Contract(ComponentBuilder component)
    {
        var config = component.Config;
        var contract = new JsonObject
        {
            ["platform"] = config.Name,
            ["level"] = config.Level,
            ["target"] = ConfigNames.Of(config.Target),
            ["tenants"] = new JsonArray([.. config.Tenants.Select(t => new JsonObject
            {
                ["name"] = t.Name,
                ["namespace"] = t.Name,
                ["tier"] = ConfigNames.Of(t.Tier),
            })]),
            ["registry"] = config.IsAzure
                ? $"the stack's Azure Container Registry (az acr list -g rg-{config.Name}-{config.PrimaryRegion} --query [0].loginServer)"
                : config.Registry,
            ["imageTags"] = "the commit SHA; never latest",
        };
        if (component.InEffect(DoraMetrics.PracticeName))
        {
            contract["deploymentAnnotations"] = new JsonObject
            {
                [DoraContract.CommitShaAnnotation] = "commit SHA of the deployed change, on every object of the app",
                [DoraContract.CommitTimeAnnotation] = $"commit time, RFC 3339 (git log -1 --format={DoraContract.GitCommitTimeFormat}), on every object of the app",
            };
            contract["changeRecord"] = $"one {DoraContract.ApiVersion} {DoraContract.Kind} per app, spec.workload naming its {string.Join('/', DoraMetrics.WorkloadKinds)}";
        }
        if (component.InEffect("Application Observability"))
        {
            contract["instrumentation"] = new JsonObject
            {
                ["instrumentation"] = $"{ApplicationObservability.InstrumentationName} (in every tenant namespace)",
                ["podAnnotation"] = $"instrumentation.opentelemetry.io/inject-<{string.Join("|", TenantPodImages.AutoInstrumentation.Select(i => i.Key))}>: \"true\"",
                // What the operator injects, so teams know the init container images their pods will run.
                ["images"] = new JsonObject([.. TenantPodImages.AutoInstrumentation.Select(i => KeyValuePair.Create(i.Key, (JsonNode?)i.Image))]),
                ["otlpEndpoint"] = ApplicationObservability.CollectorHttpEndpoint,
            };
        }
        if (component.InEffect("Advanced Delivery Processes"))
            contract["progressiveDelivery"] = new JsonObject { ["rollouts"] = "argoproj.io/v1alpha1 Rollout", ["prometheus"] = TenantMetricsProxies.Url("<tenant>") };
        if (component.HasMonitoring)
            contract["monitoring"] = new JsonObject { ["serviceMonitors"] = "monitoring.coreos.com/v1 ServiceMonitor or PodMonitor in the tenant namespace; no label needed; own namespace only, followRedirects: false (Level 3+, once tenant-metrics-address enforces)" };
        if (component.InEffect("Advanced Deployment Management"))
        {
            contract["deploymentPractices"] = new JsonArray(
                "readiness and liveness probes on every container",
                "spec.revisionHistoryLimit of at most 10",
                "topologySpreadConstraints when replicas >= 2",
                "a PodDisruptionBudget when replicas >= 2",
                "a preStop hook so in-flight requests drain");
        }
        return contract;
    }
}
