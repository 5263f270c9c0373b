using System.Collections.Immutable;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;

namespace PlatformMaturity.Planning;

/// <summary>
/// Orders a plan's changes into steps: each step holds changes whose dependencies are all in earlier steps
/// (CRD-providing releases before the objects using them, the cluster before what runs on it), then the
/// removals, dependents first. Steps of phase 2 follow the promotion of staged enforcements.
/// </summary>
public static class PlanSteps
{
    public static ImmutableArray<PlanStep> Order(
        PlatformGraph before, PlatformGraph after, IReadOnlyList<ResourceChange> phase1,
        PlatformGraph enforced, IReadOnlyList<ResourceChange> phase2)
    {
        var steps = new List<PlanStep>();
        AddLayers(steps, 1, after, phase1.Where(c => c.Kind != ChangeKind.Remove).Select(c => c.Resource).ToHashSet(), reverse: false);
        AddLayers(steps, 1, before, phase1.Where(c => c.Kind == ChangeKind.Remove).Select(c => c.Resource).ToHashSet(), reverse: true);
        AddLayers(steps, 2, enforced, phase2.Where(c => c.Kind != ChangeKind.Remove).Select(c => c.Resource).ToHashSet(), reverse: false);
        AddLayers(steps, 2, after, phase2.Where(c => c.Kind == ChangeKind.Remove).Select(c => c.Resource).ToHashSet(), reverse: true);
        return [.. steps];
    }

    /// <summary>
    /// The steps with <paramref name="extra"/> at the end of phase 1 (after pulumi up, before the promotion) and, when
    /// given, <paramref name="atEnd"/> after everything; numbered again from 1.
    /// </summary>
    public static ImmutableArray<PlanStep> InsertAfterPhase1(IReadOnlyList<PlanStep> steps, IEnumerable<PlanStep> extra, IEnumerable<PlanStep>? atEnd = null)
    {
        var list = steps.ToList();
        list.InsertRange(list.Count(s => s.Phase == 1), extra);
        list.AddRange(atEnd ?? []);
        return Renumbered(list);
    }

    /// <summary>The steps numbered 1, 2, … in their order.</summary>
    public static ImmutableArray<PlanStep> Renumbered(IEnumerable<PlanStep> steps) => [.. steps.Select((s, i) => s with { Number = i + 1 })];

    private static void AddLayers(List<PlanStep> steps, int phase, PlatformGraph graph, HashSet<string> changed, bool reverse)
    {
        if (changed.Count == 0)
            return;
        var resources = graph.Resources.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        int Depth(string name)
        {
            if (depth.TryGetValue(name, out var known))
                return known;
            var d = resources[name].DependsOn.Select(dep => Depth(dep) + (changed.Contains(dep) ? 1 : 0)).DefaultIfEmpty(0).Max();
            depth[name] = d;
            return d;
        }

        // Graph order within a layer keeps steps deterministic.
        var order = graph.Resources.Select((r, i) => (r.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        var layers = changed.GroupBy(Depth).OrderBy(g => reverse ? -g.Key : g.Key);
        foreach (var layer in layers)
        {
            var names = layer.OrderBy(n => order[n]).ToList();
            var verb = reverse ? "Remove" : "Apply";
            steps.Add(new PlanStep(steps.Count + 1, phase, $"{verb} {Describe(names, resources)}", [.. names],
                reverse ? [.. names.Select(n => Removed(resources[n]))]
                        : [.. names.Select(n => Verify(resources[n]))]));
        }
    }

    private static string Describe(IReadOnlyList<string> names, IReadOnlyDictionary<string, GraphResource> resources)
    {
        var shown = names.Take(4).Select(n => $"{resources[n].Kind} {n}");
        return string.Join(", ", shown) + (names.Count > 4 ? $" and {names.Count - 4} more" : "");
    }

    /// <summary>A command that shows the resource has left the stack; a retained one is left in Azure, not destroyed.</summary>
    private static string Removed(GraphResource resource) => resource is AzureResource { RetainOnDelete: true }
        ? $"pulumi stack --show-urns | grep -c '::{resource.Name}$' (expect 0 once removed; {ResourceChange.RetainedText}, not destroyed)"
        : $"pulumi stack --show-urns | grep -c '::{resource.Name}$' (expect 0 once removed)";

    /// <summary>A command that shows the resource is in place and healthy.</summary>
    private static string Verify(GraphResource resource) => resource switch
    {
        HelmRelease r => $"helm status {r.ReleaseName} -n {r.Namespace} && kubectl get pods -n {r.Namespace}",
        KubernetesResource { Namespace: null } k => $"kubectl get {k.Kind.ToLowerInvariant()} {k.ObjectName} -o yaml",
        KubernetesResource k => $"kubectl get {k.Kind.ToLowerInvariant()} {k.ObjectName} -n {k.Namespace} -o yaml",
        ConfigSecret s => $"kubectl get secret {s.SecretName} -n {s.Namespace}",
        KubernetesCluster c => $"az aks show --name {c.ClusterName} --query \"{{state: provisioningState, power: powerState.code}}\"",
        AzureResource a => $"pulumi stack --show-urns | grep '::{a.Name}$'",
        _ => $"pulumi stack --show-urns | grep '::{resource.Name}$'",
    };
}
