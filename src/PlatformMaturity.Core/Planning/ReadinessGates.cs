using System.Collections.Immutable;
using System.Globalization;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Model;

namespace PlatformMaturity.Planning;

/// <summary>The conditions a level sets before a stack may move to it, each with the exact way to close it.</summary>
internal static class ReadinessGates
{
    /// <summary>Gates of one level of the path: requirements attested, config complete, availability, guardrails.</summary>
    public static IEnumerable<Gate> For(int level, int from, int to, RawConfig raw, ConfigParseResult parsed, PlatformGraph? graph,
        IReadOnlySet<string> attested, MaturityModel model, bool upward)
    {
        var stack = raw.Stack;
        var attest = $"pmctl upgrade {stack} --to {to}{(to - from > 1 ? " --allow-skip" : "")} --attest";
        if (upward)
        {
            foreach (var requirement in model.Level(level).Requirements)
            {
                yield return new Gate(GateKind.Attestation, requirement.Id, level, requirement.Text, attested.Contains(requirement.Id),
                    $"{attest} {requirement.Id}");
            }
        }

        foreach (var problem in parsed.Problems)
        {
            yield return new Gate(GateKind.Config, problem.Key, level, problem.Message, false,
                $"edit {problem.Key} in {StackFile.FileName(stack)}");
        }
        if (graph is null)
            yield break;

        foreach (var finding in Guardrails.Check(graph.Config, model))
            yield return new Gate(GateKind.Guardrail, finding.Id, level, finding.Message, false, "change the config the finding names");

        if (upward && AvailabilityModel.TargetFor(model, level) is { } target && AvailabilityModel.TargetFor(model, level - 1) != target)
            yield return Availability(level, target, graph, attested, attest);
    }

    private static Gate Availability(int level, double target, PlatformGraph graph, IReadOnlySet<string> attested, string attest)
    {
        var estimate = AvailabilityModel.Estimate(graph, target);
        var description = $"computed availability must reach {AvailabilityEstimate.Percent(target)}: {string.Join("; ", estimate.Arithmetic)}";
        if (estimate.Value is null)
        {
            var id = AvailabilityModel.AttestationId(target);
            return new Gate(GateKind.Availability, id, level, description, attested.Contains(id), $"{attest} {id}");
        }
        // The same id as on existing clusters, but closed by the computed topology, not by an attestation.
        return new Gate(GateKind.Availability, AvailabilityModel.AttestationId(target), level, description, estimate.MeetsTarget, AvailabilityModel.WhatWouldReach(graph, target));
    }
}
