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
