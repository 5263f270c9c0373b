using System.Text.Json.Nodes;

namespace PlatformMaturity.GoldenPaths.Tests.Admission;

/// <summary>
/// What reaches admission when an object is applied: the object itself, then what controllers create from it
/// (a Deployment's or Rollout's ReplicaSet, a CronJob's Job, and the pods), each pod as the OpenTelemetry operator's
/// webhook mutates it before the validating policies see it.
/// </summary>
public static class ClusterCreates
{
    public const string InjectAnnotationPrefix = "instrumentation.opentelemetry.io/inject-";

    /// <summary>
    /// The images operator 0.158.0 (chart 0.122.0) injects when an Instrumentation names none: its defaults, from
    /// open-telemetry/opentelemetry-operator tag v0.158.0, internal/config/config.go (repositories) and versions.txt (tags).
    /// Kept here as the operator's behaviour, independent of what the platform pins.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> OperatorDefaultImages = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["java"] = "ghcr.io/open-telemetry/opentelemetry-operator/autoinstrumentation-java:2.30.0",
        ["nodejs"] = "ghcr.io/open-telemetry/opentelemetry-operator/autoinstrumentation-nodejs:0.78.0",
        ["python"] = "ghcr.io/open-telemetry/opentelemetry-operator/autoinstrumentation-python:0.64b0",
        ["dotnet"] = "ghcr.io/open-telemetry/opentelemetry-operator/autoinstrumentation-dotnet:1.16.0",
    };

    /// <summary>
    /// CloudNativePG 1.30.0's images in instance pods when the Cluster names only imageName: the operator image it copies
    /// the instance manager from (the bootstrap-controller init container; chart cloudnative-pg 0.29.0 sets
    /// OPERATOR_IMAGE_NAME to its own image), and the Barman Cloud plugin v0.13.0's sidecar (chart plugin-barman-cloud
    /// 0.7.0, sidecarImage at its appVersion). Kept here as the operators' behaviour, independent of what the platform pins.
    /// </summary>
    public const string CnpgOperatorImage = "ghcr.io/cloudnative-pg/cloudnative-pg:1.30.0";

    public const string BarmanCloudSidecarImage = "ghcr.io/cloudnative-pg/plugin-barman-cloud-sidecar:v0.13.0";

    /// <summary>The object and everything created from it, in creation order.</summary>
    public static IEnumerable<JsonObject> From(JsonObject obj, AdmissionPolicies platform)
    {
        yield return obj;
        var kind = obj["kind"]!.GetValue<string>();
        var ns = obj["metadata"]!["namespace"]?.GetValue<string>();
        var name = obj["metadata"]!["name"]!.GetValue<string>();
        switch (kind)
        {
            case "Deployment" or "Rollout":
                var template = obj["spec"]!["template"]!;
                yield return Owned("apps/v1", "ReplicaSet", $"{name}-5d4f8c7b9", ns, new JsonObject
                {
                    ["replicas"] = obj["spec"]!["replicas"]?.DeepClone() ?? 1,
                    ["selector"] = obj["spec"]!["selector"]!.DeepClone(),
                    ["template"] = template.DeepClone(),
                });
                yield return Pod(template, $"{name}-5d4f8c7b9-x2x4z", ns, platform);
                break;
            case "StatefulSet":
                yield return Pod(obj["spec"]!["template"]!, $"{name}-0", ns, platform);
                break;
            // KAITO makes a Workspace per replica, and its pods from the InferenceSet's pod template.
            case "InferenceSet":
                yield return Pod(obj["spec"]!["template"]!["inference"]!["template"]!, $"{name}-0-0", ns, platform);
                break;
            // KServe (Standard mode) makes the Deployment <name>-predictor and its pods from the predictor.
            case "InferenceService":
                var podTemplate = new RenderedObject("", obj).PodTemplates().Single();
                var predictor = Owned("apps/v1", "Deployment", $"{name}-predictor", ns, new JsonObject
                {
                    ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = $"isvc.{name}-predictor" } },
                    ["template"] = podTemplate.DeepClone(),
                    // The API server's default, applied before validating admission sees the object.
                    ["revisionHistoryLimit"] = 10,
                });
                // KServe labels the Deployment with the InferenceService's and the predictor's labels.
                var deploymentLabels = (JsonObject?)obj["metadata"]!["labels"]?.DeepClone() ?? [];
                foreach (var (key, value) in podTemplate["metadata"]?["labels"]?.AsObject() ?? [])
                    deploymentLabels[key] = value?.DeepClone();
                predictor["metadata"]!["labels"] = deploymentLabels;
                yield return predictor;
                yield return Pod(podTemplate, $"{name}-predictor-5d4f8c7b9-x2x4z", ns, platform);
                break;
            case "Job":
                yield return Pod(obj["spec"]!["template"]!, $"{name}-x2x4z", ns, platform);
                break;
            case "Cluster" when obj["apiVersion"]!.GetValue<string>() == "postgresql.cnpg.io/v1":
                foreach (var created in CnpgCreates(obj, name, ns))
                    yield return created;
                break;
            case "CronJob":
                var jobSpec = obj["spec"]!["jobTemplate"]!["spec"]!;
                // The CronJob controller labels its Jobs as the jobTemplate says and makes the CronJob their controller.
                var job = Owned("batch/v1", "Job", $"{name}-29000000", ns, (JsonObject)jobSpec.DeepClone());
                if (obj["spec"]!["jobTemplate"]!["metadata"]?["labels"] is { } jobLabels)
                    job["metadata"]!["labels"] = jobLabels.DeepClone();
                job["metadata"]!["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = "batch/v1", ["kind"] = "CronJob", ["name"] = name, ["uid"] = "00000000-0000-0000-0000-000000000001", ["controller"] = true,
                });
                yield return job;
                yield return Pod(jobSpec["template"]!, $"{name}-29000000-x2x4z", ns, platform);
                break;
        }
    }

    /// <summary>
    /// What CloudNativePG 1.30.0 creates from a Cluster that reaches admission as a tenant's workload: the initdb Job
    /// (pkg/specs/jobs.go; internal/controller/cluster_create.go inheritJobMetadata copies inheritedMetadata onto the Job
    /// and its pod template), its pod, and each instance Pod (pkg/specs/pods.go NewInstance; ensureInstancesAreCreated
    /// adds inheritedMetadata before creating it), with the Barman Cloud plugin's sidecar injected as an init container
    /// with restartPolicy Always (plugin-barman-cloud v0.13.0 internal/cnpgi/operator/lifecycle.go).
    /// </summary>
    private static IEnumerable<JsonObject> CnpgCreates(JsonObject cluster, string name, string? ns)
    {
        var spec = cluster["spec"]!;
        JsonObject Labels(string role)
        {
            var labels = new JsonObject
            {
                ["cnpg.io/cluster"] = name,
                ["app.kubernetes.io/name"] = "postgresql",
                ["app.kubernetes.io/instance"] = name,
                ["app.kubernetes.io/managed-by"] = "cloudnative-pg",
                ["app.kubernetes.io/component"] = "database",
                [role == "instance" ? "cnpg.io/podRole" : "cnpg.io/jobRole"] = role,
            };
            foreach (var (key, value) in spec["inheritedMetadata"]?["labels"]?.AsObject() ?? [])
                labels[key] = value!.DeepClone();
            return labels;
        }
        JsonObject Bootstrap() => new()
        {
            ["name"] = "bootstrap-controller",
            ["image"] = CnpgOperatorImage,
            ["resources"] = spec["resources"]?.DeepClone(),
        };
        var image = spec["imageName"]?.GetValue<string>() ?? throw new InvalidOperationException("the Cluster names no imageName: the test would not know the operator's default");
        var jobPod = new JsonObject
        {
            ["metadata"] = new JsonObject { ["labels"] = Labels("initdb") },
            ["spec"] = new JsonObject
            {
                ["serviceAccountName"] = spec["serviceAccountName"]?.DeepClone() ?? name,
                ["initContainers"] = new JsonArray(Bootstrap()),
                ["containers"] = new JsonArray(new JsonObject { ["name"] = "initdb", ["image"] = image, ["resources"] = spec["resources"]?.DeepClone() }),
                ["restartPolicy"] = "Never",
            },
        };
        var job = Owned("batch/v1", "Job", $"{name}-1-initdb", ns, new JsonObject { ["template"] = jobPod.DeepClone() });
        job["metadata"]!["labels"] = Labels("initdb");
        yield return job;
        yield return PodOf(jobPod, $"{name}-1-initdb-x2x4z", ns);

        var probe = new JsonObject { ["httpGet"] = new JsonObject { ["path"] = "/healthz", ["port"] = 8000, ["scheme"] = "HTTPS" } };
        var instance = new JsonObject
        {
            ["metadata"] = new JsonObject { ["labels"] = Labels("instance") },
            ["spec"] = new JsonObject
            {
                ["serviceAccountName"] = spec["serviceAccountName"]?.DeepClone() ?? name,
                ["initContainers"] = new JsonArray(Bootstrap(), new JsonObject
                {
                    ["name"] = "plugin-barman-cloud",
                    ["image"] = BarmanCloudSidecarImage,
                    ["restartPolicy"] = "Always",
                }),
                ["containers"] = new JsonArray(new JsonObject
                {
                    ["name"] = "postgres",
                    ["image"] = image,
                    ["resources"] = spec["resources"]?.DeepClone(),
                    ["startupProbe"] = probe.DeepClone(),
                    ["readinessProbe"] = probe.DeepClone(),
                    ["livenessProbe"] = probe.DeepClone(),
                }),
            },
        };
        yield return PodOf(instance, $"{name}-1", ns);
    }

    private static JsonObject PodOf(JsonObject template, string name, string? ns)
    {
        var metadata = (JsonObject)template["metadata"]!.DeepClone();
        metadata["name"] = name;
        metadata["namespace"] = ns;
        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = metadata, ["spec"] = template["spec"]!.DeepClone() };
    }

    private static JsonObject Owned(string apiVersion, string kind, string name, string? ns, JsonObject spec) => new()
    {
        ["apiVersion"] = apiVersion,
        ["kind"] = kind,
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = spec,
    };

    private static JsonObject Pod(JsonNode template, string name, string? ns, AdmissionPolicies platform)
    {
        var metadata = (JsonObject?)template["metadata"]?.DeepClone() ?? [];
        metadata["name"] = name;
        metadata["namespace"] = ns;
        var pod = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = metadata,
            ["spec"] = template["spec"]!.DeepClone(),
        };
        InjectInstrumentation(pod, platform);
        return pod;
    }

    /// <summary>
    /// The operator's pod webhook: for inject-&lt;language&gt; "true" it uses the namespace's one Instrumentation, for
    /// another value the one it names ("name" or "namespace/name"), and adds an init container running the language's
    /// image from the Instrumentation (spec.&lt;language&gt;.image), or the operator's default when it sets none.
    /// </summary>
    public static void InjectInstrumentation(JsonObject pod, AdmissionPolicies platform)
    {
        var ns = pod["metadata"]!["namespace"]?.GetValue<string>();
        var annotations = pod["metadata"]!["annotations"]?.AsObject() ?? [];
        foreach (var (key, value) in annotations.ToList())
        {
            if (!key.StartsWith(InjectAnnotationPrefix, StringComparison.Ordinal) || value!.GetValue<string>() == "false")
                continue;
            var language = key[InjectAnnotationPrefix.Length..];
            if (!OperatorDefaultImages.TryGetValue(language, out var defaultImage))
                throw new InvalidOperationException($"the test does not know how the operator injects {language}");
            var reference = value!.GetValue<string>();
            JsonObject? instrumentation;
            if (reference == "true")
            {
                var candidates = platform.All("opentelemetry.io/v1alpha1", "Instrumentation", ns).ToList();
                instrumentation = candidates.Count == 1 ? candidates[0] : null;
            }
            else
            {
                var (instNs, instName) = reference.Contains('/') ? (reference[..reference.IndexOf('/')], reference[(reference.IndexOf('/') + 1)..]) : (ns, reference);
                instrumentation = platform.Find("opentelemetry.io/v1alpha1", "Instrumentation", instNs, instName);
            }
            // The operator injects nothing (and logs an error) when the Instrumentation is missing or ambiguous: the
            // app runs without the telemetry its golden path promised.
            Assert.True(instrumentation is not null, $"{key}: \"{reference}\" names no single Instrumentation in {ns}, so the operator would inject nothing");
            var image = instrumentation!["spec"]?[language]?["image"]?.GetValue<string>() ?? defaultImage;
            var spec = pod["spec"]!.AsObject();
            if (spec["initContainers"] is not JsonArray inits)
                spec["initContainers"] = inits = [];
            inits.Add(new JsonObject
            {
                ["name"] = $"opentelemetry-auto-instrumentation-{language}",
                ["image"] = image,
            });
        }
    }
}
