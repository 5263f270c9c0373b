using System.Text;
using PlatformMaturity.Graph;

namespace PlatformMaturity.Rendering;

/// <summary>The component graph as a Mermaid flowchart or a Graphviz DOT digraph; edges run from a dependency to its dependent.</summary>
public static class GraphDiagram
{
    public static string Mermaid(PlatformGraph graph)
    {
        var text = new StringBuilder("flowchart TD\n");
        foreach (var component in graph.Components)
            text.Append($"  {Id(component.Id)}[\"{MermaidLabel(Label(component))}\"]\n");
        foreach (var practice in Absent(graph))
            text.Append($"  {Id(practice.Practice)}[\"{MermaidLabel(AbsentLabel(practice))}\"]:::absent\n");
        foreach (var (from, to) in Edges(graph))
            text.Append($"  {Id(from)} --> {Id(to)}\n");
        if (Absent(graph).Any())
            text.Append("  classDef absent stroke-dasharray: 5 5,color:#777\n");
        if (Practices.Availability.MultiClusterPlatform.Of(graph) is { } fleet)
        {
            text.Append($"  subgraph fleet[\"{MermaidLabel(FleetTitle(fleet))}\"]\n");
            foreach (var member in fleet.Members)
                text.Append($"    {MemberId(member)}[\"{MermaidLabel(MemberLabel(member))}\"]\n");
            text.Append("  end\n");
            var hub = fleet.Members.First(m => m.Hub);
            foreach (var member in fleet.Members.Where(m => !m.Hub))
                text.Append($"  {MemberId(hub)} -. places apps .-> {MemberId(member)}\n");
            text.Append($"  {Id(Practices.Availability.MultiClusterPlatform.ComponentIdOf(graph)!)} --> fleet\n");
        }
        return text.ToString();
    }

    public static string Dot(PlatformGraph graph)
    {
        var text = new StringBuilder("digraph platform {\n  rankdir=LR;\n  node [shape=box];\n");
        foreach (var component in graph.Components)
            text.Append($"  \"{component.Id}\" [label=\"{Escape(Label(component))}\"];\n");
        foreach (var practice in Absent(graph))
            text.Append($"  \"{practice.Practice}\" [label=\"{Escape(AbsentLabel(practice))}\", style=dashed, fontcolor=gray40];\n");
        foreach (var (from, to) in Edges(graph))
            text.Append($"  \"{from}\" -> \"{to}\";\n");
        if (Practices.Availability.MultiClusterPlatform.Of(graph) is { } fleet)
        {
            text.Append($"  subgraph cluster_fleet {{\n    label=\"{Escape(FleetTitle(fleet))}\";\n");
            foreach (var member in fleet.Members)
                text.Append($"    \"{MemberId(member)}\" [label=\"{Escape(MemberLabel(member))}\", shape=box3d];\n");
            text.Append("  }\n");
            var hub = fleet.Members.First(m => m.Hub);
            foreach (var member in fleet.Members.Where(m => !m.Hub))
                text.Append($"  \"{MemberId(hub)}\" -> \"{MemberId(member)}\" [style=dashed, label=\"places apps\"];\n");
            text.Append($"  \"{Practices.Availability.MultiClusterPlatform.ComponentIdOf(graph)}\" -> \"{MemberId(hub)}\";\n");
        }
        return text.Append("}\n").ToString();
    }

    private static IEnumerable<(string From, string To)> Edges(PlatformGraph graph) =>
        graph.Components.SelectMany(c => c.DependsOn.Select(d => (d, c.Id)));

    private static IEnumerable<PracticeStatus> Absent(PlatformGraph graph) =>
        graph.Practices.Where(p => p.State != PracticeState.Implemented);

    private static string Label(GraphComponent component)
    {
        var counts = component.Resources.GroupBy(r => r.Kind).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Count()}× {g.Key}");
        var detail = string.Join(", ", counts);
        if (!component.Contributions.IsEmpty)
            detail = string.Join(", ", new[] { detail, $"{component.Contributions.Length} contributed setting{(component.Contributions.Length == 1 ? "" : "s")}" }.Where(s => s.Length > 0));
        return detail.Length == 0 ? component.Title : $"{component.Title}\n{detail}";
    }

    private static string FleetTitle(Practices.Availability.FleetView fleet) =>
        fleet.FleetManager is { } manager ? $"Fleet {manager}" : "Fleet (kubeconfig contexts)";

    private static string MemberId(Practices.Availability.FleetMemberView member) => $"fleet_member_{Id(member.Name)}";

    private static string MemberLabel(Practices.Availability.FleetMemberView member) =>
        string.Join("\n", new[]
        {
            member.Name + (member.Hub ? " (Argo CD hub)" : ""),
            member.AksCluster ?? member.KubeContext ?? "current context",
            member.Region is { } r ? $"region {r}" : null,
            member.UpdateGroup is { } g ? $"update group {g}" : null,
            member.Capabilities.IsEmpty ? null : $"capabilities {string.Join(", ", member.Capabilities)}",
            // The labels placement selects on (the cluster Secret's on the hub), without the ones shown above.
            string.Join(", ", member.Labels.Where(l => l.Key != Practices.Availability.MultiClusterPlatform.RegionLabel && l.Key != Practices.Availability.MultiClusterPlatform.MemberLabel
                && !l.Key.StartsWith(Practices.Availability.MultiClusterPlatform.CapabilityLabel(""), StringComparison.Ordinal)).Select(l => $"{l.Key}={l.Value}")),
        }.OfType<string>().Where(line => line.Length > 0));

    private static string AbsentLabel(PracticeStatus practice) => practice.State == PracticeState.NotApplicable
        ? $"{practice.Practice}\nnot applicable"
        : $"{practice.Practice}\nnot implemented yet";

    private static string Id(string name) =>
        string.Concat(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_'));

    /// <summary>DOT label text: quotes made safe, line breaks as \n escapes.</summary>
    private static string Escape(string text) => text.Replace("\"", "'").Replace("\n", "\\n");

    /// <summary>Mermaid label text: quotes made safe, line breaks as &lt;br/&gt;.</summary>
    private static string MermaidLabel(string text) => text.Replace("\"", "'").Replace("\n", "<br/>");
}
