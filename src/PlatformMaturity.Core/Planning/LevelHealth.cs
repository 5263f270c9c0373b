using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Model;

namespace PlatformMaturity.Planning;

/// <summary>
/// Whether a stack's platform delivers what its level promises: the level's availability target on the
/// computed topology, and every practice of the level implemented by this version of the tool.
/// </summary>
public static class LevelHealth
{
    public const string AvailabilityBelowTarget = "availability-below-target";
    public const string PracticesNotImplemented = "practices-not-implemented";
    public const string SlaAboveAvailability = "sla-above-availability";

    public static IReadOnlyList<GuardrailFinding> Check(PlatformGraph graph, MaturityModel model)
    {
        var findings = new List<GuardrailFinding>();
        var level = graph.Config.Level;
        if (AvailabilityModel.TargetFor(model, level) is { } target && AvailabilityModel.Estimate(graph, target) is { Value: { } value } estimate && !estimate.MeetsTarget)
        {
            findings.Add(new GuardrailFinding(AvailabilityBelowTarget,
                $"the topology computes to {AvailabilityEstimate.Percent(value)}, below Level {level}'s target of {AvailabilityEstimate.Percent(target)}: {string.Join("; ", estimate.Arithmetic)}"));
        }
        // An SLA may not promise more than the topology computes (Platform SLA announces what the arithmetic supports).
        if (graph.Config.Sla?.Availability is { } announced && AvailabilityModel.Estimate(graph, AvailabilityModel.TargetFor(model, level) ?? 0) is { Value: { } computed }
            && announced > computed)
        {
            findings.Add(new GuardrailFinding(SlaAboveAvailability,
                $"{Config.ConfigKeys.Sla.FullName} announces {AvailabilityEstimate.Percent(announced)}, more than the topology computes ({AvailabilityModel.Precise(computed)}); announce at most that, or add clusters/zones"));
        }
        var missing = graph.Practices.Where(p => p.State == PracticeState.NotImplementedYet).Select(p => p.Practice).ToList();
        if (missing.Count > 0)
        {
            findings.Add(new GuardrailFinding(PracticesNotImplemented,
                $"{missing.Count} practice{(missing.Count == 1 ? "" : "s")} of Level {level} {(missing.Count == 1 ? "is" : "are")} not implemented yet in this version, so the platform lacks {(missing.Count == 1 ? "it" : "them")}: {string.Join(", ", missing)}"));
        }
        return findings;
    }
}
