using PlatformMaturity.Config;
using PlatformMaturity.Graph;

namespace PlatformMaturity.Cli.Views;

/// <summary>Everything `pmctl status` reports about a stack.</summary>
public sealed record StackStatus(
    string Stack,
    string File,
    int Level,
    string LevelName,
    string Target,
    string Environment,
    IReadOnlyList<PracticeStatusView> Practices,
    IReadOnlyList<ControlStatusView> Controls,
    ResourceCounts Resources,
    IReadOnlyList<GuardrailFinding> Warnings,
    IReadOnlyList<MissingSecretView> MissingSecrets,
    StackCost Cost,
    NextLevel? Next,
    IReadOnlyList<ObjectiveView> Objectives,
    PlatformMaturity.Practices.Availability.FleetView? Fleet = null)
{
    public static StackStatus Of(PlatformGraph graph, string file, Model.MaturityModel model, NextLevel? next) => new(
        graph.Config.Stack,
        file,
        graph.Config.Level,
        model.Level(graph.Config.Level).Name,
        ConfigNames.Of(graph.Config.Target),
        ConfigNames.Of(graph.Config.Environment),
        [.. graph.Practices.OrderBy(p => p.Categories[0]).Select(p => PracticeStatusView.Of(p, graph.Config))],
        ControlStatusView.Of(graph),
        ResourceCounts.Of(graph),
        [.. Guardrails.Check(graph.Config, model), .. Planning.LevelHealth.Check(graph, model),
            // A step to run by hand, not a refusal (init does not refuse over it): what the API server subnets wait for.
            .. new[] { PlatformMaturity.Practices.Efficiency.ApiServerVnetIntegration.Finding(graph) }.OfType<GuardrailFinding>()],
        [.. graph.Config.MissingSecrets.Select(k => MissingSecretView.Of(k, graph.Config.Stack))],
        StackCost.Of(graph),
        next,
        [.. PlatformMaturity.Practices.Availability.ErrorBudgetManagement.In(graph).Select(ObjectiveView.Of)],
        PlatformMaturity.Practices.Availability.MultiClusterPlatform.Of(graph));
}

/// <summary>A service level objective the platform evaluates (Error Budget Management), as status lists it.</summary>
public sealed record ObjectiveView(string Service, string Name, double Objective, double ErrorBudgetPercent, string Period, string Description)
{
    public static ObjectiveView Of(PlatformMaturity.Practices.Availability.ServiceLevelObjective slo) => new(
        slo.Service, slo.Name, slo.Objective, slo.ErrorBudgetPercent, PlatformMaturity.Practices.Availability.ErrorBudgetManagement.SloPeriod, slo.Description);
}

/// <summary>The stack's next level: whether it is ready, the open gates, and a one-line plan summary.</summary>
public sealed record NextLevel(int Level, string Name, bool Ready, IReadOnlyList<Planning.Gate> OpenGates, string Summary)
{
    /// <summary>The gates and practices of the next level; the resource changes are `plan`'s (status names the command).</summary>
    public static NextLevel? Of(Stacks.LoadedStack stack, PlatformGraph graph)
    {
        var model = Model.MaturityModel.Default;
        var level = stack.Config.Level + 1;
        if (!model.IsLevel(level))
            return null;
        var (gates, practices) = Planning.UpgradePlanner.Default.Outlook(stack.Raw, graph, level);
        var open = gates.Where(g => !g.Closed).ToList();
        return new NextLevel(level, model.Level(level).Name, open.Count == 0, open,
            Planning.UpgradePlan.Outline(stack.Config.Level, level, practices, changes: null, open.Count));
    }
}

/// <summary>What status --output json prints for a stack it cannot use: every problem of its config.</summary>
public sealed record StackProblems(string Stack, string File, IReadOnlyList<ConfigProblem> Problems);

/// <summary>A secret the level needs that the stack has not set: pulumi up would fail until it is.</summary>
public sealed record MissingSecretView(string Key, string Description, string Command)
{
    public static MissingSecretView Of(ConfigKey key, string stack) =>
        new(key.FullName, key.Description, $"pulumi config set --secret {key.FullName} <value> --stack {stack}");
}

/// <summary>The rough monthly cost of what the graph provisions, with what the tool cannot price.</summary>
public sealed record StackCost(decimal MonthlyUsd, IReadOnlyList<Planning.CostLine> Lines, IReadOnlyList<string> NotPriced)
{
    public static StackCost Of(PlatformGraph graph)
    {
        var (lines, notPriced) = Planning.CostModel.Price(graph);
        return new StackCost(lines.Sum(l => l.MonthlyUsd), lines, notPriced);
    }
}

/// <summary>A practice in effect as status lists it; <paramref name="Staged"/> names its enforcements still in their warn/audit phase.</summary>
public sealed record PracticeStatusView(string Practice, IReadOnlyList<string> Categories, bool Carried, PracticeState State, string Detail, string? Component, IReadOnlyList<string> Staged)
{
    public static PracticeStatusView Of(PracticeStatus status, PlatformConfig config) => new(
        status.Practice,
        [.. status.Categories.Select(LevelSummary.Category)],
        status.Carried,
        status.State,
        status.Detail,
        status.ComponentId,
        status.State == PracticeState.Implemented ? [.. Enforcements.Of(status.Practice).Where(e => config.IsStaged(e.Id)).Select(e => e.Id)] : []);
}

/// <summary>Whether an enforcing control is in its non-blocking first phase or enforces.</summary>
public enum ControlState
{
    /// <summary>In platform:staged: it warns and audits; pmctl upgrade --promote enforces it.</summary>
    Staged,

    /// <summary>It refuses (or drops) what breaks it.</summary>
    Enforced,
}

/// <summary>An enforcing control of a practice the stack builds, with its phase and what that phase does.</summary>
public sealed record ControlStatusView(string Id, string Practice, ControlState State, string Effect, string? Promote)
{
    public static IReadOnlyList<ControlStatusView> Of(PlatformGraph graph)
    {
        var built = graph.Practices.Where(p => p.State == PracticeState.Implemented).Select(p => p.Practice).ToHashSet(StringComparer.Ordinal);
        return
        [
            .. Enforcements.All.Where(e => e.BuiltByAny(built)).Select(e => graph.Config.IsStaged(e.Id)
                ? new ControlStatusView(e.Id, Builder(e, built), ControlState.Staged, e.Staged, $"pmctl upgrade {graph.Config.Stack} --promote")
                : new ControlStatusView(e.Id, Builder(e, built), ControlState.Enforced, e.Enforced, null)),
        ];
    }

    /// <summary>The practice that builds the control on this stack: its own, or the successor that keeps it.</summary>
    private static string Builder(Enforcement e, IReadOnlySet<string> built) => built.Contains(e.Practice) ? e.Practice : e.KeptBy ?? e.Practice;
}

/// <summary>How much the graph holds.</summary>
public sealed record ResourceCounts(int Components, int KubernetesObjects, int Secrets, int HelmReleases, int AzureResources, int ContributedSettings)
{
    public static ResourceCounts Of(PlatformGraph graph) => new(
        graph.Components.Length,
        graph.Resources.OfType<KubernetesResource>().Count(),
        graph.Resources.OfType<ConfigSecret>().Count(),
        graph.Resources.OfType<HelmRelease>().Count(),
        graph.Resources.OfType<Graph.Azure.AzureResource>().Count(),
        graph.Components.Sum(c => c.Contributions.Length));
}
