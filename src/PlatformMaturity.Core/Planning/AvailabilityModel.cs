using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Model;

namespace PlatformMaturity.Planning;

/// <summary>A topology's computed availability, the arithmetic behind it, and the level target it is held to.</summary>
/// <param name="Value">The computed availability (0..1), or null when the tool cannot know the topology (existing clusters).</param>
public sealed record AvailabilityEstimate(double? Value, double Target, ImmutableArray<string> Arithmetic)
{
    public bool MeetsTarget => Value >= Target;

    public static string Percent(double value) => (value * 100).ToString("0.###", CultureInfo.InvariantCulture) + "%";
}

/// <summary>
/// Computes availability from the graph with published SLAs: AKS uptime SLA for the control plane
/// (Free: 99.5% objective; Standard/Premium: 99.95% with availability zones, 99.9% without) times the
/// node layer (VM SLA: 99.99% across two or more zones, 99.95% for two or more nodes in one zone, 99.9%
/// for one node); clusters in different regions serve in parallel: 1 − Π(1 − cluster), behind a global entry in
/// series (<see cref="GlobalEntry"/>).
/// </summary>
public static partial class AvailabilityModel
{
    /// <summary>The level's availability target from the seed's benefits ("at least 99.9%"); levels without one inherit the highest lower target.</summary>
    public static double? TargetFor(MaturityModel model, int level)
    {
        double? target = null;
        foreach (var l in model.Levels.Where(l => l.Number <= level))
        {
            foreach (var benefit in l.Benefits)
            {
                if (AtLeast().Match(benefit) is { Success: true } m)
                    target = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) / 100;
            }
        }
        return target;
    }

    public static AvailabilityEstimate Estimate(PlatformGraph graph, double target)
    {
        var clusters = graph.Resources.OfType<KubernetesCluster>().ToList();
        if (clusters.Count == 0)
            return ExistingEstimate(graph.Config.Members, target);

        var lines = new List<string>();
        // One cluster per region counts: a specialised member sharing a region (Level 5) falls with it in a regional outage.
        foreach (var shared in clusters.GroupBy(c => c.Location).Where(g => g.Count() > 1))
            lines.Add($"{string.Join(", ", shared.Skip(1).Select(c => c.ClusterName))} shares {shared.Key} with {shared.First().ClusterName}: not counted again (a regional outage takes both)");
        clusters = [.. clusters.GroupBy(c => c.Location).Select(g => g.First())];
        var unavailable = 1.0;
        foreach (var cluster in clusters)
        {
            var (availability, why) = Cluster(cluster.SkuTier, cluster.DefaultNodePool.NodeCount, cluster.DefaultNodePool.Zones.Length);
            lines.Add($"{cluster.ClusterName}: {why}");
            unavailable *= 1 - availability;
        }
        var total = 1 - unavailable;
        if (clusters.Count > 1)
        {
            lines.Add($"{clusters.Count} clusters in parallel: 1 − Π(1 − cluster) = {Precise(total)}");
            total = WithEntry(graph, total, target, lines);
        }
        var shown = clusters.Count > 1 ? Precise(total) : AvailabilityEstimate.Percent(total);
        lines.Add($"{shown} {(total >= target ? "≥" : "<")} target {AvailabilityEstimate.Percent(target)}");
        return new AvailabilityEstimate(total, target, [.. lines]);
    }

    /// <summary>
    /// Several clusters need a global entry in front, in series with them. Each option is shown with what it would
    /// give, so the choice is visible; the graph's entry (Front Door with DNS failover on azure) is the one counted.
    /// </summary>
    private static double WithEntry(PlatformGraph graph, double clusters, double target, List<string> lines)
    {
        if (!graph.Resources.OfType<FrontDoorProfile>().Any())
        {
            lines.Add("no global entry in the graph: clients must choose a healthy region themselves");
            return clusters;
        }
        foreach (var option in GlobalEntry.Options.Where(o => o != GlobalEntry.Chosen))
        {
            var value = option.Value * clusters;
            lines.Add($"option {option.Title}: {option.Formula} → {Precise(option.Value)} × {Precise(clusters)} = {Precise(value)} {(value >= target ? "≥" : "<")} target (not chosen)");
        }
        var chosen = GlobalEntry.Chosen;
        var total = chosen.Value * clusters;
        lines.Add($"global entry {chosen.Title} (chosen): {chosen.Formula} = {Precise(chosen.Value)}; × clusters {Precise(clusters)} = {Precise(total)}");
        return total;
    }

    /// <summary>On existing the tool cannot see the topology: it counts what each cluster's owner guarantees, when every member states it.</summary>
    private static AvailabilityEstimate ExistingEstimate(ImmutableArray<Config.ClusterMember> members, double target)
    {
        if (members.IsDefaultOrEmpty || members.Any(m => m.Availability is null))
        {
            return new AvailabilityEstimate(null, target,
                [$"The tool cannot see an existing cluster's topology; attest that it reaches {AvailabilityEstimate.Percent(target)}" +
                 (members.Length > 1 ? $", or state each member's guaranteed availability in {Config.ConfigKeys.Clusters.FullName}." : ".")]);
        }
        var lines = members.Select(m => $"{m.Name}: {AvailabilityEstimate.Percent(m.Availability!.Value)} guaranteed by its owner").ToList();
        // Members labelled with the same region count once, as on azure: a regional outage takes them together.
        foreach (var shared in members.Where(m => m.Region is not null).GroupBy(m => m.Region).Where(g => g.Count() > 1))
            lines.Add($"{string.Join(", ", shared.Skip(1).Select(m => m.Name))} shares region {shared.Key} with {shared.First().Name}: not counted again (a regional outage takes both)");
        members = [.. members.GroupBy(m => m.Region ?? $"\0{m.Name}").Select(g => g.First())];
        var total = 1 - members.Aggregate(1.0, (u, m) => u * (1 - m.Availability!.Value));
        if (members.Length > 1)
            lines.Add($"{members.Length} clusters in parallel: 1 − Π(1 − cluster) = {Precise(total)}; the global entry in front of them is yours and multiplies this figure");
        lines.Add($"{Precise(total)} {(total >= target ? "≥" : "<")} target {AvailabilityEstimate.Percent(target)}");
        return new AvailabilityEstimate(total, target, [.. lines]);
    }

    /// <summary>The smallest topology change that reaches the target, computed: a resilient tier and zones, or more clusters.</summary>
    public static string WhatWouldReach(PlatformGraph graph, double target)
    {
        var config = graph.Config;
        var nodes = Math.Max(config.NodeCount, 3);
        var (best, _) = Cluster("Standard", nodes, 3);
        var clusters = Math.Max(graph.Resources.OfType<KubernetesCluster>().Count(), 1);
        var entry = clusters > 1 ? GlobalEntry.Chosen.Value : 1.0;
        var total = entry * (1 - Math.Pow(1 - best, clusters));
        if (total >= target)
        {
            return $"set {Config.ConfigKeys.SkuTier.FullName}: Standard, {Config.ConfigKeys.Zones.FullName}: [\"1\", \"2\", \"3\"] and {Config.ConfigKeys.NodeCount.FullName}: {nodes.ToString(CultureInfo.InvariantCulture)} " +
                   $"(computes to {AvailabilityEstimate.Percent(total)})";
        }
        var needed = Enumerable.Range(2, 8).FirstOrDefault(n => GlobalEntry.Chosen.Value * (1 - Math.Pow(1 - best, n)) >= target);
        var reached = GlobalEntry.Chosen.Value * (1 - Math.Pow(1 - best, needed));
        return $"one AKS cluster computes to at most {AvailabilityEstimate.Percent(best)}; {AvailabilityEstimate.Percent(target)} needs {needed} clusters in separate regions " +
               $"({Config.ConfigKeys.Clusters.FullName}, Fault-tolerant Workload Distribution), each Standard tier across 3 zones, behind {GlobalEntry.Chosen.Title} " +
               $"(computes to {Precise(reached)})";
    }

    /// <summary>Enough digits to tell 99.98996% from 99.99%.</summary>
    public static string Precise(double value) => (value * 100).ToString("0.######", CultureInfo.InvariantCulture) + "%";

    /// <summary>One cluster's availability and its arithmetic.</summary>
    public static (double Value, string Arithmetic) Cluster(string tier, int nodeCount, int zones)
    {
        var (plane, planeWhy) = ControlPlane(tier, zones);
        var (nodes, nodesWhy) = Nodes(nodeCount, zones);
        var value = plane * nodes;
        return (value, $"control plane {AvailabilityEstimate.Percent(plane)} ({planeWhy}) × nodes {AvailabilityEstimate.Percent(nodes)} ({nodesWhy}) = {AvailabilityEstimate.Percent(value)}");
    }

    /// <summary>The attestation that closes the availability gate where the tool cannot compute it.</summary>
    public static string AttestationId(double target) =>
        "availability-" + (target * 100).ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Every availability attestation id the model's levels can ask for.</summary>
    public static IEnumerable<string> AttestationIds(MaturityModel model) =>
        model.Levels.Select(l => TargetFor(model, l.Number)).OfType<double>().Distinct().Select(AttestationId);

    private static (double, string) ControlPlane(string tier, int zones) => tier switch
    {
        "Free" => (0.995, "Free tier: no uptime SLA, 99.5% objective"),
        _ when zones >= 2 => (0.9995, $"{tier} tier uptime SLA with availability zones"),
        _ => (0.999, $"{tier} tier uptime SLA without availability zones"),
    };

    private static (double, string) Nodes(int count, int zones) => (count, zones) switch
    {
        ( >= 2, >= 2) => (0.9999, $"{count} nodes across {zones} zones"),
        ( >= 2, _) => (0.9995, $"{count} nodes in one zone"),
        _ => (0.999, "a single node"),
    };

    [GeneratedRegex(@"at least (\d+(?:\.\d+)?)%")]
    private static partial Regex AtLeast();
}
