using System.Text.Json;
using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules;

/// <summary>Reading PrometheusRule objects (prometheus-operator) for the rules several practices look for.</summary>
public static class PrometheusRules
{
    /// <summary>PrometheusRules with rules (alerts only, when asked) whose expression or name contains one of <paramref name="needles"/> (any rule when none).</summary>
    public static IReadOnlyList<string> Matching(ClusterView cluster, bool alertsOnly, params string[] needles) =>
        Select(cluster, rule =>
        {
            var alert = Text(rule, "alert");
            if (alertsOnly && alert is null)
                return false;
            var text = $"{alert} {Text(rule, "record")} {Text(rule, "expr")}";
            return needles.Length == 0 || needles.Any(n => text.Contains(n, StringComparison.OrdinalIgnoreCase));
        });

    /// <summary>PrometheusRules with a recording or alerting rule whose name contains one of <paramref name="needles"/>.</summary>
    public static IReadOnlyList<string> Named(ClusterView cluster, params string[] needles) =>
        Select(cluster, rule => $"{Text(rule, "alert")} {Text(rule, "record")}" is var name && needles.Any(n => name.Contains(n, StringComparison.OrdinalIgnoreCase)));

    private static List<string> Select(ClusterView cluster, Func<JsonElement, bool> match)
    {
        var result = new List<string>();
        foreach (var obj in cluster.Of(Kinds.PrometheusRule))
        {
            var names = obj.Items("spec", "groups")
                .SelectMany(g => g.ValueKind == JsonValueKind.Object && g.TryGetProperty("rules", out var r) && r.ValueKind == JsonValueKind.Array ? r.EnumerateArray() : [])
                .Where(r => r.ValueKind == JsonValueKind.Object && match(r))
                .Select(r => Text(r, "alert") ?? Text(r, "record") ?? "?")
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (names.Count > 0)
                result.Add($"PrometheusRule {obj.Id} ({string.Join(", ", names.Take(3))}{(names.Count > 3 ? $", +{names.Count - 3}" : "")})");
        }
        return result;
    }

    private static string? Text(JsonElement rule, string property) =>
        rule.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
