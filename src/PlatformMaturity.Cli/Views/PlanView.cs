using System.Text.Json.Nodes;
using PlatformMaturity.Cli.Output;
using PlatformMaturity.Model;
using PlatformMaturity.Planning;

namespace PlatformMaturity.Cli.Views;

/// <summary>A plan as pmctl prints it: the same data for --output json and for text or Markdown.</summary>
public sealed record PlanDocument(
    string Stack,
    int From,
    string FromName,
    int To,
    string ToName,
    string Summary,
    bool Ready,
    IReadOnlyList<PracticeChange> Practices,
    IReadOnlyList<ResourceChange> Changes,
    IReadOnlyList<PlanStep> Steps,
    IReadOnlyList<Gate> Gates,
    IReadOnlyList<Risk> Risks,
    AvailabilityEstimate? Availability,
    CostView Cost,
    IReadOnlyList<ConfigWriteView> ConfigWrites,
    bool ChangesKnown)
{
    public static PlanDocument Of(UpgradePlan plan, IEnumerable<ConfigWrite> writes, MaturityModel model) => new(
        plan.Stack,
        plan.From,
        model.Level(plan.From).Name,
        plan.To,
        model.Level(plan.To).Name,
        plan.Summary,
        plan.IsReady,
        plan.Practices,
        plan.Changes,
        plan.Steps,
        plan.Gates,
        plan.Risks,
        plan.Availability,
        CostView.Of(plan.Cost),
        [.. writes.Select(w => new ConfigWriteView(w.Key.FullName, w.Value?.DeepClone(), w.Reason))],
        plan.ChangesKnown);

    /// <summary>Writes the plan for people; resources added are listed, settings shown for changes.</summary>
    public void Write(DocumentWriter doc)
    {
        doc.Heading(1, From == To ? $"Promotion plan for stack {Stack}: Level {To} - {ToName}" : $"Plan for stack {Stack}: Level {From} - {FromName} → Level {To} - {ToName}");
        doc.Paragraph(Summary);

        var promotion = From == To;
        if (!promotion)
            WritePractices(doc);

        doc.Heading(2, $"Resource changes ({Changes.Count})");
        if (!ChangesKnown)
            doc.Paragraph($"Not computed: the stack's config is not valid at Level {To} yet. Close the config gates below, then plan again.");
        foreach (var change in Changes)
        {
            var sign = change.Kind switch { ChangeKind.Add => "+", ChangeKind.Remove => "-", _ => "~" };
            var moved = change.MovedFrom is null ? "" : $" (taken over from {change.MovedFrom}; the Pulumi host aliases it, so it is not replaced)";
            var retained = change.Retains ? $": {ResourceChange.RetainedText}, not destroyed" : "";
            doc.Bullet($"{sign} {change.ResourceKind} {doc.Code(change.Resource)} in {change.Component} [{change.Provenance}]{moved}{retained}");
            if (change.Kind != ChangeKind.Change)
                continue;
            foreach (var setting in change.Settings)
                doc.Bullet($"{setting.Path}: {Shown(setting.Before)} → {Shown(setting.After)} [{setting.Provenance}]", indent: 1);
        }

        doc.Heading(2, "Steps");
        foreach (var phase in Steps.GroupBy(s => s.Phase))
        {
            doc.Heading(3, phase.Key == 1 ? "Phase 1: with this upgrade (pulumi up)" : $"Phase 2: after pmctl upgrade {Stack} --promote (then pulumi up)");
            foreach (var step in phase)
            {
                doc.Bullet($"{step.Number}. {step.Title}");
                foreach (var verify in step.Verify.Distinct())
                    doc.Bullet($"verify: {doc.Code(verify)}", indent: 1);
            }
        }

        if (!promotion)
            WriteGates(doc);
        WriteRisksCostAndWrites(doc);
    }

    private void WritePractices(DocumentWriter doc)
    {
        doc.Heading(2, "Practices");
        foreach (var group in Practices.Where(p => p.Kind != PracticeChangeKind.Kept).GroupBy(p => p.Kind))
        {
            doc.Heading(3, group.Key.ToString());
            foreach (var practice in group)
            {
                var successor = practice.SupersededBy is null ? "" : $" → {practice.SupersededBy}";
                doc.Bullet($"{practice.Practice}{successor} ({string.Join(", ", practice.Categories)}): {practice.Detail}");
            }
        }
        doc.Paragraph($"Kept: {Practices.Count(p => p.Kind == PracticeChangeKind.Kept)} practices listed at both levels.");
    }

    private void WriteGates(DocumentWriter doc)
    {
        doc.Heading(2, "Readiness gates");
        foreach (var gate in Gates)
        {
            var state = gate.Closed ? "closed" : "OPEN";
            doc.Bullet($"[{state}] {gate.Kind.ToString().ToLowerInvariant()} {doc.Code(gate.Id)} (Level {gate.Level}): {gate.Description}");
            if (!gate.Closed)
                doc.Bullet($"close it: {doc.Code(gate.HowToClose)}", indent: 1);
        }
        if (Availability is { } availability)
        {
            doc.Heading(2, "Availability");
            foreach (var line in availability.Arithmetic)
                doc.Bullet(line);
        }
    }

    private void WriteRisksCostAndWrites(DocumentWriter doc)
    {
        doc.Heading(2, $"Risks ({Risks.Count})");
        foreach (var risk in Risks)
        {
            doc.Bullet($"{doc.Code(risk.Id)}: {risk.Description} ({string.Join(", ", risk.Resources.Take(5))}{(risk.Resources.Length > 5 ? $" and {risk.Resources.Length - 5} more" : "")})");
            doc.Bullet($"softened: {risk.Mitigation}", indent: 1);
            doc.Bullet($"rollback: {risk.Rollback}", indent: 1);
        }

        doc.Heading(2, "Cost (rough, monthly list prices)");
        doc.Paragraph($"${Cost.MonthlyBefore} → ${Cost.MonthlyAfter} ({Cost.Delta})");
        foreach (var line in Cost.After)
            doc.Bullet($"{line.Item}: ${line.MonthlyUsd}");
        foreach (var item in Cost.NotPriced)
            doc.Bullet($"not priced: {item}");

        doc.Heading(2, "Config the upgrade writes");
        foreach (var write in ConfigWrites)
            doc.Bullet($"{doc.Code($"{write.Key}: {write.Value?.ToJsonString() ?? "null"}")}: {write.Reason}");
    }

    /// <summary>A setting's value for people: multi-line and long values shortened (JSON carries them whole).</summary>
    private static string Shown(string? value) => value switch
    {
        null => "(unset)",
        _ when value.Contains('\n') => $"({Text.Counted.Of(value.TrimEnd('\n').Split('\n').Length, "line")} of text)",
        { Length: > 120 } => value[..117] + "…",
        _ => value,
    };
}

/// <summary>The cost part of a plan.</summary>
public sealed record CostView(decimal MonthlyBefore, decimal MonthlyAfter, string Delta, IReadOnlyList<CostLine> Before, IReadOnlyList<CostLine> After, IReadOnlyList<string> NotPriced)
{
    public static CostView Of(CostEstimate cost) =>
        new(cost.MonthlyBefore, cost.MonthlyAfter, cost.DeltaText, cost.Before, cost.After, cost.NotPriced);
}

/// <summary>A config key the upgrade writes.</summary>
public sealed record ConfigWriteView(string Key, JsonNode? Value, string Reason);
