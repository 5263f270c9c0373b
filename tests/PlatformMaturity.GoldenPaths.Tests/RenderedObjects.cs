using System.Text.Json.Nodes;
using PlatformMaturity.GoldenPaths.Rendering;
using PlatformMaturity.Tests.Shared;

namespace PlatformMaturity.GoldenPaths.Tests;

/// <summary>The Kubernetes objects of a rendered app: every YAML file except the kustomizations and the Backstage catalog entry.</summary>
public sealed record RenderedObject(string File, JsonObject Json)
{
    public string Kind => Json["kind"]!.GetValue<string>();

    public string ApiVersion => Json["apiVersion"]!.GetValue<string>();

    public string Name => Json["metadata"]!["name"]!.GetValue<string>();

    public string? Label(string key) => Json["metadata"]?["labels"]?[key]?.GetValue<string>();

    public static IReadOnlyList<RenderedObject> Of(RenderedApp app) =>
        [.. app.Files
            .Where(f => f.Path.EndsWith(".yaml", StringComparison.Ordinal) && IsKubernetes(f.Path))
            .SelectMany(f => YamlDocuments.Parse(f.Content).Select(d => new RenderedObject(f.Path, (JsonObject)d!)))];

    public static bool IsKubernetes(string path) =>
        !path.EndsWith("kustomization.yaml", StringComparison.Ordinal)
        && path != "catalog-info.yaml"
        && !path.StartsWith(".github/", StringComparison.Ordinal);

    /// <summary>The pod templates' specs (with their metadata) of the workload kinds.</summary>
    public IEnumerable<JsonObject> PodTemplates() => Kind switch
    {
        "Deployment" or "Rollout" or "StatefulSet" or "Job" => [(JsonObject)Json["spec"]!["template"]!],
        "CronJob" => [(JsonObject)Json["spec"]!["jobTemplate"]!["spec"]!["template"]!],
        // KAITO: each Workspace of the InferenceSet runs this pod template.
        "InferenceSet" => [(JsonObject)Json["spec"]!["template"]!["inference"]!["template"]!],
        "InferenceService" => [PredictorPodTemplate((JsonObject)Json["spec"]!["predictor"]!)],
        _ => [],
    };

    /// <summary>Fields of a KServe predictor that are KServe's own (ComponentExtensionSpec), not the predictor pod's spec.</summary>
    private static readonly string[] PredictorFields = ["minReplicas", "maxReplicas", "scaleTarget", "scaleMetric", "scaleMetricType", "containerConcurrency", "timeout", "canaryTrafficPercent", "logger", "batcher", "labels", "annotations", "deploymentStrategy", "autoScaling", "storageUris", "model", "workerSpec"];

    /// <summary>The pod KServe makes of a predictor: its labels and annotations as the pod's metadata, its pod fields as the spec.</summary>
    private static JsonObject PredictorPodTemplate(JsonObject predictor)
    {
        var spec = (JsonObject)predictor.DeepClone();
        foreach (var field in PredictorFields)
            spec.Remove(field);
        var metadata = new JsonObject();
        if (predictor["labels"] is { } labels)
            metadata["labels"] = labels.DeepClone();
        if (predictor["annotations"] is { } annotations)
            metadata["annotations"] = annotations.DeepClone();
        return new JsonObject { ["metadata"] = metadata, ["spec"] = spec };
    }
}
