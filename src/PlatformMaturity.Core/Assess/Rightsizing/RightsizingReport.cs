using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using k8s.Models;
using PlatformMaturity.Assess.Snapshot;
using PlatformMaturity.Planning;
using PlatformMaturity.Practices.Availability;

namespace PlatformMaturity.Assess.Rightsizing;

/// <summary>One resource (cpu or memory) of one container: what it requests, what the VPA recommends, the change.</summary>
/// <param name="Delta">Target minus request, in cores (cpu) or GiB (memory); null when either is unknown.</param>
public sealed record ResourceAdvice(string? Request, string? Target, string? LowerBound, string? UpperBound, decimal? Delta);

/// <summary>One container a VerticalPodAutoscaler has a recommendation for.</summary>
/// <param name="Replicas">Pods of the workload (spec.replicas); null for a DaemonSet (one per node) or an unknown workload.</param>
/// <param name="MonthlyUsdDelta">The change of the workload's monthly cost if requests moved to the target (all replicas; one pod of a DaemonSet).</param>
public sealed record RightsizingLine(
    string? Tenant, string Namespace, string Workload, string Vpa, string Container, int? Replicas,
    ResourceAdvice Cpu, ResourceAdvice Memory, decimal? MonthlyUsdDelta, string? Note);

/// <summary>The right-sizing report: every VPA recommendation beside the requests it would replace, priced.</summary>
public sealed record RightsizingReport(
    string Source, decimal CpuCoreMonthlyUsd, decimal MemoryGiBMonthlyUsd, ImmutableArray<RightsizingLine> Lines,
    ImmutableArray<string> WithoutRecommendation, ImmutableArray<SnapshotProblem> Problems)
{
    /// <summary>The sum of the priced lines: what moving every request to its target would save (negative) or cost.</summary>
    public decimal MonthlyUsdDelta => Lines.Sum(l => l.MonthlyUsdDelta ?? 0m);

    /// <summary>
    /// Reads the VerticalPodAutoscalers of <paramref name="cluster"/> (status.recommendation.containerRecommendations)
    /// and the container requests of the Deployments, StatefulSets and DaemonSets they target. A value that is not a
    /// Kubernetes quantity is reported as a problem, never guessed.
    /// </summary>
    public static RightsizingReport From(ClusterSnapshot cluster)
    {
        var (perCore, perGiB) = CostModel.RequestPrices();
        var tenants = cluster.Of(Kinds.Namespace)
            .Where(n => n.Label(HardMultiTenancy.TenantLabel) is not null)
            .ToDictionary(n => n.Name, n => n.Label(HardMultiTenancy.TenantLabel)!, StringComparer.Ordinal);
        var problems = new List<SnapshotProblem>(cluster.Problems);
        var lines = new List<RightsizingLine>();
        var without = new List<string>();
        foreach (var vpa in cluster.Of(Kinds.VerticalPodAutoscaler))
        {
            var ns = vpa.Namespace ?? "";
            var kind = vpa.Text("spec", "targetRef", "kind");
            var name = vpa.Text("spec", "targetRef", "name");
            var workload = kind is null || name is null ? null : Workload(cluster, kind, ns, name);
            var label = kind is null || name is null ? "(no spec.targetRef)" : $"{kind}/{name}";
            var recommendations = vpa.Items("status", "recommendation", "containerRecommendations").ToList();
            if (recommendations.Count == 0)
            {
                without.Add(vpa.Id);
                continue;
            }
            foreach (var recommendation in recommendations)
            {
                if (recommendation.ValueKind != JsonValueKind.Object)
                    continue;
                var container = Text(recommendation, "containerName") ?? "(unnamed)";
                var where = $"VerticalPodAutoscaler {vpa.Id} container {container}";
                var requests = workload is null ? default : Requests(workload, container);
                var replicas = workload is null || workload.Kind == Kinds.DaemonSet ? (int?)null : Replicas(workload);
                var cpu = Advice(recommendation, workload is not null, requests, "cpu", Cores, where, problems);
                var memory = Advice(recommendation, workload is not null, requests, "memory", GiB, where, problems);
                decimal? cost = cpu.Delta is null && memory.Delta is null
                    ? null
                    : decimal.Round(((cpu.Delta ?? 0m) * perCore + (memory.Delta ?? 0m) * perGiB) * (replicas ?? 1), 2);
                var note = workload is null ? $"{label} not found in {ns}: its requests are unknown"
                    : workload.Kind == Kinds.DaemonSet ? "a DaemonSet runs one pod per node: the cost is per pod"
                    : requests.ValueKind != JsonValueKind.Object ? "the container requests nothing: the delta is the whole target" : null;
                lines.Add(new RightsizingLine(tenants.GetValueOrDefault(ns), ns, label, vpa.Name, container, replicas, cpu, memory, cost, note));
            }
        }
        var ordered = lines
            .OrderBy(l => l.Tenant ?? "\uffff", StringComparer.Ordinal)
            .ThenBy(l => l.Namespace, StringComparer.Ordinal)
            .ThenBy(l => l.Workload, StringComparer.Ordinal)
            .ThenBy(l => l.Container, StringComparer.Ordinal);
        return new RightsizingReport(cluster.Source, decimal.Round(perCore, 2), decimal.Round(perGiB, 2), [.. ordered], [.. without], [.. problems]);
    }

    private static ClusterObject? Workload(ClusterSnapshot cluster, string kind, string ns, string name)
    {
        var apiKind = kind switch { "Deployment" => Kinds.Deployment, "StatefulSet" => Kinds.StatefulSet, "DaemonSet" => Kinds.DaemonSet, _ => null };
        return apiKind is null ? null : cluster.Of(apiKind).FirstOrDefault(o => o.Namespace == ns && o.Name == name);
    }

    private static JsonElement Requests(ClusterObject workload, string container)
    {
        foreach (var c in workload.Items("spec", "template", "spec", "containers"))
        {
            if (c.ValueKind == JsonValueKind.Object && Text(c, "name") == container
                && c.TryGetProperty("resources", out var resources) && resources.ValueKind == JsonValueKind.Object
                && resources.TryGetProperty("requests", out var requests) && requests.ValueKind == JsonValueKind.Object)
                return requests;
        }
        return default;
    }

    private static int Replicas(ClusterObject workload) =>
        workload.At("spec", "replicas") is { ValueKind: JsonValueKind.Number } r && r.TryGetInt32(out var n) && n >= 0 ? n : 1;

    /// <summary>The delta is unknown when the workload is not found or its request is unreadable; no request counts as zero.</summary>
    private static ResourceAdvice Advice(JsonElement recommendation, bool workloadKnown, JsonElement requests, string resource, Func<decimal, decimal> unit, string where, List<SnapshotProblem> problems)
    {
        string? Of(JsonElement parent, string? field)
        {
            var holder = parent;
            if (field is not null && (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(field, out holder)))
                return null;
            return holder.ValueKind == JsonValueKind.Object ? Text(holder, resource) : null;
        }
        var request = requests.ValueKind == JsonValueKind.Object ? Text(requests, resource) : null;
        var target = Of(recommendation, "target");
        var requested = Parse(request, $"{where}: request {resource}", problems);
        var recommended = Parse(target, $"{where}: target {resource}", problems);
        decimal? delta = recommended is null || !workloadKnown ? null
            : request is null ? unit(recommended.Value)
            : requested is null ? null
            : unit(recommended.Value - requested.Value);
        return new ResourceAdvice(request, target, Of(recommendation, "lowerBound"), Of(recommendation, "upperBound"),
            delta is null ? null : decimal.Round(delta.Value, 3));
    }

    private static decimal Cores(decimal value) => value;

    private static decimal GiB(decimal bytes) => bytes / (1024m * 1024m * 1024m);

    /// <summary>
    /// A Kubernetes quantity ("250m", "1.5Gi", "128974848", "129e6"). The grammar is checked before the library
    /// parses it, with the exponent bounded, so a hostile "1e999999999" is refused rather than expanded.
    /// </summary>
    internal static decimal? Parse(string? quantity, string where, List<SnapshotProblem> problems)
    {
        if (quantity is null)
            return null;
        if (quantity.Length > 40 || !QuantityPattern.IsMatch(quantity))
        {
            problems.Add(new SnapshotProblem(where, $"\"{Shorten(quantity)}\" is not a Kubernetes quantity (e.g. 250m, 1.5, 512Mi, 2Gi); it is left out"));
            return null;
        }
        try
        {
            return new ResourceQuantity(quantity).ToDecimal();
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            problems.Add(new SnapshotProblem(where, $"\"{Shorten(quantity)}\" cannot be read as a quantity ({e.Message}); it is left out"));
            return null;
        }
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    private static string? Text(JsonElement obj, string property) =>
        obj.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static readonly Regex QuantityPattern = new(
        @"^\+?(\d+(\.\d*)?|\.\d+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d{1,2})?$",
        RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
