using System.Collections.Immutable;
using PlatformMaturity.Graph;

namespace PlatformMaturity.Planning;

/// <summary>
/// What moving a stack from one level to another means, computed offline from two graphs: practices,
/// resource changes with provenance, ordered steps, readiness gates, risks and a rough cost delta.
/// </summary>
/// <param name="ChangesKnown">False when the stack's config is not valid at the target level yet: no target graph, so no resource changes.</param>
public sealed record UpgradePlan(
    string Stack,
    int From,
    int To,
    ImmutableArray<PracticeChange> Practices,
    ImmutableArray<ResourceChange> Changes,
    ImmutableArray<PlanStep> Steps,
    ImmutableArray<Gate> Gates,
    ImmutableArray<Risk> Risks,
    AvailabilityEstimate? Availability,
    CostEstimate Cost,
    bool ChangesKnown = true)
{
    public bool IsDowngrade => To < From;

    /// <summary>Every gate is closed: the upgrade may be written.</summary>
    public bool IsReady => Gates.All(g => g.Closed);

    public IEnumerable<Gate> OpenGates => Gates.Where(g => !g.Closed);

    /// <summary>Of the removals, how many leave their resource in Azure: "" when none does.</summary>
    private string RetainedNote => Changes.Count(c => c.Retains) is var retained and > 0 ? $", {retained} of them {ResourceChange.RetainedText}" : "";

    /// <summary>One line: practices gained, resources added/changed/removed, risks, cost.</summary>
    public string Summary
    {
        get
        {
            int Count(ChangeKind kind) => Changes.Count(c => c.Kind == kind);
            var changes = ChangesKnown
                ? $"{Text.Counted.Of(Count(ChangeKind.Add), "resource")} added, {Count(ChangeKind.Change)} changed, {Count(ChangeKind.Remove)} removed{RetainedNote}; " +
                  $"{Text.Counted.Of(Risks.Length, "risk")}; cost {Cost.DeltaText}"
                : "resource changes, risks and cost not known until the config gates are closed";
            return Outline(From, To, Practices, changes, OpenGates.Count());
        }
    }

    /// <summary>The one-line summary's frame: practices gained and lost, <paramref name="changes"/>, open gates.</summary>
    public static string Outline(int from, int to, IEnumerable<PracticeChange> practices, string? changes, int openGates)
    {
        var gained = practices.Count(p => p.Kind == PracticeChangeKind.Gained);
        var lost = practices.Count(p => p.Kind is PracticeChangeKind.Superseded or PracticeChangeKind.Dropped);
        return $"Level {from} → {to}: {Text.Counted.Of(gained, "practice")} gained, {lost} superseded or dropped; " +
               (changes is null ? "" : $"{changes}; ") + Text.Counted.Of(openGates, "open gate");
    }
}

/// <summary>How a practice fares between the two levels.</summary>
public enum PracticeChangeKind
{
    /// <summary>In effect at the target level, not before.</summary>
    Gained,

    /// <summary>Replaced at the target level by a successor.</summary>
    Superseded,

    /// <summary>Still in effect because nothing has superseded it, though the target level does not list it.</summary>
    Carried,

    /// <summary>Listed at both levels.</summary>
    Kept,

    /// <summary>No longer in effect and not replaced (downgrades).</summary>
    Dropped,
}

/// <summary>A practice in the plan, with what implements it on the stack's target (or why nothing does).</summary>
public sealed record PracticeChange(
    string Practice,
    PracticeChangeKind Kind,
    ImmutableArray<string> Categories,
    string? SupersededBy,
    PracticeState State,
    string Detail);

public enum ChangeKind
{
    Add,
    Change,
    Remove,
}

/// <summary>A resource added, changed or removed, with the practice and level behind it.</summary>
/// <param name="MovedFrom">For a change: the component that owned the resource before, when a successor practice took it over.</param>
/// <param name="Retained">For a removal: the resource is retained (<see cref="Graph.Azure.AzureResource.RetainOnDelete"/>), so Pulumi leaves it in Azure instead of destroying it.</param>
public sealed record ResourceChange(
    ChangeKind Kind,
    string Resource,
    string ResourceKind,
    string Component,
    Provenance Provenance,
    ImmutableArray<SettingChange> Settings,
    string? MovedFrom = null,
    bool Retained = false)
{
    /// <summary>How the plan names what a removal does to the resource.</summary>
    public const string RetainedText = "retained (left in Azure)";

    /// <summary>A removal that destroys the resource (not retained).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Destroys => Kind == ChangeKind.Remove && !Retained;

    /// <summary>A removal that leaves the resource in Azure.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Retains => Kind == ChangeKind.Remove && Retained;
}

/// <summary>One setting of a changed resource: before, after, and who set the value that changes.</summary>
public sealed record SettingChange(string Path, string? Before, string? After, Provenance Provenance);

/// <summary>
/// A group of changes that can be applied and verified on its own. Phase 1 lands with the upgrade;
/// phase 2 holds what staged enforcement defers until pmctl upgrade --promote.
/// </summary>
public sealed record PlanStep(int Number, int Phase, string Title, ImmutableArray<string> Resources, ImmutableArray<string> Verify);

public enum GateKind
{
    /// <summary>An organisational requirement a person must attest.</summary>
    Attestation,

    /// <summary>Config the level needs that is missing or wrong.</summary>
    Config,

    /// <summary>The topology's computed availability against the level's target.</summary>
    Availability,

    /// <summary>A don't of the seed that the config would break.</summary>
    Guardrail,
}

/// <summary>A readiness condition of the target level: closed, or open with the exact way to close it.</summary>
public sealed record Gate(GateKind Kind, string Id, int Level, string Description, bool Closed, string HowToClose);

/// <summary>A change that can break running workloads, how the plan softens it, and how to roll it back.</summary>
public sealed record Risk(string Id, string Description, ImmutableArray<string> Resources, string Mitigation, string Rollback);
