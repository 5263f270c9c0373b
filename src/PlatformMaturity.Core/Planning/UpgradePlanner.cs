using System.Collections.Immutable;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Model;

namespace PlatformMaturity.Planning;

/// <summary>What a plan is asked for: the target level, attestations the upgrade will record, whether to stage enforcement.</summary>
public sealed record PlanRequest(int To, IReadOnlyCollection<string>? Attesting = null, bool Stage = true);

/// <summary>Plans a level change offline: the diff of the current graph and the graph at the target level.</summary>
public sealed class UpgradePlanner(Composer composer)
{
    public static UpgradePlanner Default { get; } = new(Composer.Default);

    private MaturityModel Model => composer.Model;

    /// <summary>The plan and the config writes that carry it out.</summary>
    public (UpgradePlan Plan, ImmutableArray<ConfigWrite> Writes) Plan(RawConfig raw, PlanRequest request)
    {
        var current = PlatformConfigParser.ParseOrThrow(raw, StackFile.FileName(raw.Stack), Model);
        if (!Model.IsLevel(request.To))
            throw new ArgumentOutOfRangeException(nameof(request), request.To, $"levels are {Model.LowestLevel} to {Model.HighestLevel}");

        var writes = LevelChange.Writes(raw, current, request.To, composer, request.Stage);
        var targetRaw = LevelChange.Apply(raw, writes);
        var targetParsed = PlatformConfigParser.Parse(targetRaw, Model);
        // The stack today, at the target level with new controls staged, and with them enforced (phase 2): three
        // independent graphs, composed side by side.
        var promotedConfig = targetParsed.Config is { } target ? target with { Staged = [.. target.Staged.Except(NewlyStaged(current, target))] } : null;
        var graphs = ComposeSideBySide(current, targetParsed.Config, promotedConfig);
        var before = graphs[0]!;
        var after = graphs[1];

        var attested = current.Attestations.Select(a => a.Id).Concat(request.Attesting ?? []).ToHashSet(StringComparer.Ordinal);
        // The target level's graph is the one just composed unless the request changes how controls are staged.
        var gates = Gates(raw, current, request.To, attested, request.Stage ? (targetParsed, after) : null);

        if (after is null)
        {
            return (new UpgradePlan(raw.Stack, current.Level, request.To, Practices(before, null, request.To), [], [], gates, [], null,
                CostModel.Between(before, before), ChangesKnown: false), writes);
        }

        var enforced = graphs[2]!;
        var settings = new SettingsMemo();
        var phase1 = GraphDiff.Between(before, after, settings);
        var phase2 = GraphDiff.Between(after, enforced, settings);
        var availability = AvailabilityModel.TargetFor(Model, request.To) is { } t ? AvailabilityModel.Estimate(after, t) : null;

        var plan = new UpgradePlan(
            raw.Stack,
            current.Level,
            request.To,
            Practices(before, after, request.To),
            phase1,
            PlatformMaturity.Practices.Efficiency.ApiServerVnetIntegration.Add(before, after, FleetJoinSteps.Add(before, after, GitOps.HandOverSteps.Add(before, after, PlanSteps.Order(before, after, phase1, enforced, phase2)))),
            gates,
            [.. Risks.Find(phase1, phase2, after.Config.Staged), .. LandingZoneMigration(current, request.To)],
            availability,
            CostModel.Between(before, after));
        return (plan, writes);
    }

    /// <summary>The plan of promoting every staged enforcement to enforcing (phase 2 of earlier upgrades).</summary>
    public (UpgradePlan Plan, ImmutableArray<ConfigWrite> Writes) PlanPromotion(RawConfig raw)
    {
        var current = PlatformConfigParser.ParseOrThrow(raw, StackFile.FileName(raw.Stack), Model);
        var graphs = ComposeSideBySide(current, current with { Staged = [] });
        var (before, after) = (graphs[0]!, graphs[1]!);
        var changes = GraphDiff.Between(before, after);
        var plan = new UpgradePlan(raw.Stack, current.Level, current.Level, Practices(before, after, current.Level), changes,
            PlanSteps.Order(before, after, changes, after, []), [], Risks.Find(changes, [], [], promoting: true), null, CostModel.Between(before, after));
        return (plan,
        [
            new ConfigWrite(ConfigKeys.Staged, new System.Text.Json.Nodes.JsonArray(), "every staged enforcement now enforces"),
            new ConfigWrite(ConfigKeys.Enforced, Enforcements.Record(), "every control this pmctl knows is enforced; one a later version brings will arrive staged"),
        ]);
    }

    /// <summary>Id of the risk that moving an AKS-managed-VNet stack to Level 4 raises.</summary>
    public const string ManagedVnetRisk = "aks-managed-vnet";

    /// <summary>
    /// Level 4's Platform Landing Zones puts clusters in spoke VNets of a hub. A stack written before platform:network
    /// runs its clusters on AKS-managed VNets, and an AKS cluster cannot move into another VNet: the plan says so, with the steps
    /// of the migration it means, instead of pretending the upgrade changes the network in place.
    /// </summary>
    private static IEnumerable<Risk> LandingZoneMigration(PlatformConfig current, int to)
    {
        if (!current.IsAzure || current.SpokeNetwork || current.Level >= 4 || to < 4)
            yield break;
        yield return new Risk(ManagedVnetRisk,
            $"This stack's cluster runs on an AKS-managed VNet ({ConfigKeys.Network.FullName} unset). Platform Landing Zones (Level 4: hub and spoke) needs clusters in spoke VNets, " +
            "and an AKS cluster cannot move into another VNet: for this stack it means new clusters in spokes and a migration, not an in-place change. This upgrade creates the hub VNet and the policy assignments and changes no cluster's network.",
            [Composition.Foundation.ClusterName],
            $"Steps: 1) start a new stack with pmctl init --target azure --level 4 ({ConfigKeys.Network.FullName} spoke): it creates the hub VNet and one spoke per region (a node subnet and an API server subnet delegated to Microsoft.ContainerService/managedClusters; Azure CNI Overlay needs no pod subnet), each spoke peered with the hub, with the new clusters in them; " +
            "2) point the new stack's Velero at this stack's backup storage and restore the tenant namespaces into its clusters, then check them (pmctl status, the DR runbook's checks); " +
            "3) move traffic: add the new stack's gateways to DNS (or its Front Door) beside this stack's, then remove this stack's; " +
            "4) when nothing reaches this stack's clusters, pulumi destroy this stack (its retained storage and vault stay in Azure).",
            "Until step 3 this stack's clusters keep serving every request; dropping the new stack undoes steps 1-2.");
    }

    /// <summary>Independent graphs composed in parallel (a Level 5 plan composes three of thousands of objects each); null where the config is.</summary>
    private PlatformGraph?[] ComposeSideBySide(params PlatformConfig?[] configs)
    {
        var composing = configs
            .Select(config => config is null ? Task.FromResult<PlatformGraph?>(null) : Task.Run(() => (PlatformGraph?)composer.Compose(config)))
            .ToArray();
        return [.. composing.Select(task => task.GetAwaiter().GetResult())];
    }

    private static IEnumerable<string> NewlyStaged(PlatformConfig current, PlatformConfig target) =>
        target.Staged.Except(current.Staged);

    /// <summary>
    /// The gates between a stack and a level and the practices it would gain or lose, without the resource diff:
    /// what `status` shows of the next level (the full plan composes and compares three graphs).
    /// </summary>
    public (ImmutableArray<Gate> Gates, ImmutableArray<PracticeChange> Practices) Outlook(RawConfig raw, PlatformGraph current, int to)
    {
        var attested = current.Config.Attestations.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        return (Gates(raw, current.Config, to, attested, target: null), Practices(current, null, to));
    }

    /// <summary>Gates of every level on the path (each intermediate level when skipping), or of the target when going down.</summary>
    private ImmutableArray<Gate> Gates(RawConfig raw, PlatformConfig current, int to, IReadOnlySet<string> attested,
        (ConfigParseResult Parsed, PlatformGraph? Graph)? target)
    {
        var upward = to > current.Level;
        var path = upward ? Enumerable.Range(current.Level + 1, to - current.Level) : [to];
        var gates = new List<Gate>();
        foreach (var level in path)
        {
            var (parsed, graph) = level == to && target is { } known ? known : Compose(level);
            gates.AddRange(ReadinessGates.For(level, current.Level, to, raw, parsed, graph, attested, Model, upward));
        }
        return [.. gates];

        (ConfigParseResult, PlatformGraph?) Compose(int level)
        {
            var parsed = PlatformConfigParser.Parse(LevelChange.Apply(raw, LevelChange.Writes(raw, current, level, composer)), Model);
            return (parsed, parsed.Config is { } config ? composer.Compose(config) : null);
        }
    }

    private ImmutableArray<PracticeChange> Practices(PlatformGraph before, PlatformGraph? after, int to)
    {
        var was = before.Practices.ToDictionary(p => p.Practice, StringComparer.Ordinal);
        var will = after?.Practices.ToDictionary(p => p.Practice, StringComparer.Ordinal);
        var inEffect = composer.InEffectAt(to).ToDictionary(p => p.Practice.Name, StringComparer.Ordinal);
        var changes = new List<PracticeChange>();

        foreach (var practice in Model.Practices)
        {
            var status = will?.GetValueOrDefault(practice.Name) ?? was.GetValueOrDefault(practice.Name) ?? composer.StatusOf(practice, false, before.Config.Target);
            var categories = practice.Categories.Select(c => c.ToString().ToLowerInvariant()).ToImmutableArray();
            PracticeChange Change(PracticeChangeKind kind, string? successor = null) =>
                new(practice.Name, kind, categories, successor, status.State, status.Detail);

            if (inEffect.TryGetValue(practice.Name, out var effect))
                changes.Add(Change(!was.ContainsKey(practice.Name) ? PracticeChangeKind.Gained : effect.Carried ? PracticeChangeKind.Carried : PracticeChangeKind.Kept));
            else if (was.ContainsKey(practice.Name))
                changes.Add(Model.SuccessorAt(practice, to) is { } successor ? Change(PracticeChangeKind.Superseded, successor.Name) : Change(PracticeChangeKind.Dropped));
        }
        return [.. changes];
    }
}
