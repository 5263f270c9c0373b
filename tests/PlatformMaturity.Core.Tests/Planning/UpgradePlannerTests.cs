using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Model;
using PlatformMaturity.Planning;
using PlatformMaturity.Practices.Security;
using static PlatformMaturity.Core.Tests.Planning.PlanTestStacks;

namespace PlatformMaturity.Core.Tests.Planning;

/// <summary>Plans between adjacent levels: practices, provenance, ordering, gates, writes.</summary>
public sealed class UpgradePlannerTests
{
    private static readonly MaturityModel Model = MaturityModel.Default;

    public static TheoryData<DeploymentTarget, int> Pairs => AdjacentPairs();

    private static UpgradePlan Plan(RawConfig raw, int to, params string[] attesting) =>
        UpgradePlanner.Default.Plan(raw, new PlanRequest(to, attesting)).Plan;

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Every_practice_the_target_level_adds_appears_with_its_state(DeploymentTarget target, int from)
    {
        var plan = Plan(Raw(target, from, attested: true, resilient: true), from + 1);
        var gained = Model.InEffectAt(from + 1).Select(p => p.Practice.Name).Except(Model.InEffectAt(from).Select(p => p.Practice.Name));
        foreach (var practice in gained)
        {
            var change = Assert.Single(plan.Practices, p => p.Practice == practice);
            Assert.Equal(PracticeChangeKind.Gained, change.Kind);
            Assert.False(string.IsNullOrWhiteSpace(change.Detail));
            if (!PracticeCatalog.Default.TryGet(practice, out _))
                Assert.Equal(PracticeState.NotImplementedYet, change.State);
        }
        foreach (var superseded in Model.SupersededAt(from + 1))
        {
            // A successor this version does not implement yet leaves its predecessor in place (carried).
            var expected = PracticeCatalog.Default.TryGet(superseded.Successor.Name, out _) ? PracticeChangeKind.Superseded : PracticeChangeKind.Carried;
            Assert.Contains(plan.Practices, p => p.Practice == superseded.Practice.Name && p.Kind == expected);
        }
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Every_resource_change_carries_provenance(DeploymentTarget target, int from)
    {
        var plan = Plan(Raw(target, from, attested: true, resilient: true), from + 1);
        foreach (var change in plan.Changes)
        {
            Assert.True(change.Provenance.Level >= 1 && change.Provenance.Source.Length > 0, change.Resource);
            Assert.All(change.Settings, s => Assert.True(s.Provenance.Source.Length > 0, $"{change.Resource} {s.Path}"));
            if (change.Kind == ChangeKind.Change)
                Assert.True(change.Settings.Length > 0 || change.MovedFrom is not null, $"{change.Resource} changes nothing");
        }
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Steps_respect_every_dependency_of_the_target_graph(DeploymentTarget target, int from)
    {
        var raw = Raw(target, from, attested: true, resilient: true);
        var plan = Plan(raw, from + 1);
        var after = Composer.Default.Compose(PlatformConfigParser.ParseOrThrow(
            LevelChange.Apply(raw, UpgradePlanner.Default.Plan(raw, new PlanRequest(from + 1)).Writes), "test"));
        var stepOf = plan.Steps.Where(s => s.Phase == 1).SelectMany(s => s.Resources.Select(r => (r, s.Number))).ToDictionary(x => x.r, x => x.Number);
        Assert.Equal(plan.Changes.Select(c => c.Resource).Order(), stepOf.Keys.Order());
        foreach (var resource in after.Resources.Where(r => stepOf.ContainsKey(r.Name)))
        {
            foreach (var dep in resource.DependsOn.Where(stepOf.ContainsKey))
                Assert.True(stepOf[dep] < stepOf[resource.Name], $"{resource.Name} (step {stepOf[resource.Name]}) before its dependency {dep} (step {stepOf[dep]})");
        }
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing, 1)]
    [InlineData(DeploymentTarget.Azure, 2)]
    public void Each_requirement_of_the_target_level_is_a_gate_closed_by_an_attestation(DeploymentTarget target, int from)
    {
        var raw = Raw(target, from, resilient: true);
        var open = Plan(raw, from + 1);
        var requirements = Model.Level(from + 1).Requirements;
        foreach (var requirement in requirements)
        {
            var gate = Assert.Single(open.Gates, g => g.Id == requirement.Id);
            Assert.False(gate.Closed);
            Assert.Equal($"pmctl upgrade test --to {from + 1} --attest {requirement.Id}", gate.HowToClose);
        }
        var attested = Plan(raw, from + 1, [.. requirements.Select(r => r.Id), AvailabilityModel.AttestationId(0.999)]);
        Assert.All(attested.Gates.Where(g => g.Kind == GateKind.Attestation), g => Assert.True(g.Closed));
    }

    [Fact]
    public void Skipping_levels_gates_on_every_level_in_between()
    {
        var plan = Plan(Raw(DeploymentTarget.Existing, 1), 4);
        foreach (var level in new[] { 2, 3, 4 })
        {
            foreach (var requirement in Model.Level(level).Requirements)
                Assert.Contains(plan.Gates, g => g.Id == requirement.Id && g.Level == level);
        }
    }

    [Fact]
    public void Missing_config_the_level_needs_is_an_open_gate_naming_the_key()
    {
        var raw = Raw(DeploymentTarget.Existing, 1, attested: true).With(ConfigKeys.Tenants, new System.Text.Json.Nodes.JsonArray(
            new System.Text.Json.Nodes.JsonObject { ["name"] = "team-a" }));
        var gate = Assert.Single(Plan(raw, 2).Gates, g => g.Kind == GateKind.Config);
        Assert.Equal("platform:tenants", gate.Id);
        Assert.Contains("has no group", gate.Description);
        Assert.False(gate.Closed);
    }

    [Fact]
    public void The_availability_gate_shows_the_arithmetic_and_how_to_reach_the_target()
    {
        var free = Plan(Raw(DeploymentTarget.Azure, 2, attested: true), 3);
        var gate = Assert.Single(free.Gates, g => g.Kind == GateKind.Availability);
        Assert.False(gate.Closed);
        Assert.Contains("control plane 99.5% (Free tier: no uptime SLA, 99.5% objective) × nodes 99.95% (2 nodes in one zone) = 99.45%", gate.Description);
        Assert.Contains("99.45% < target 99.9%", gate.Description);
        Assert.Contains("platform:skuTier: Standard", gate.HowToClose);
        Assert.Contains("computes to 99.94%", gate.HowToClose);

        var resilient = Plan(Raw(DeploymentTarget.Azure, 2, attested: true, resilient: true), 3);
        Assert.True(Assert.Single(resilient.Gates, g => g.Kind == GateKind.Availability).Closed);
    }

    [Fact]
    public void Upgrading_to_level_4_migrates_the_single_cluster_keys_keeping_todays_cluster_first_and_plans_the_second_as_steps()
    {
        var raw = Raw(DeploymentTarget.Azure, 3, attested: true, resilient: true);
        var before = Composer.Default.Compose(PlatformConfigParser.ParseOrThrow(raw, "test"));
        var (plan, writes) = UpgradePlanner.Default.Plan(raw, new PlanRequest(4));

        var clusters = Assert.Single(writes, w => w.Key == ConfigKeys.Clusters).Value!.AsArray();
        Assert.Equal(("primary", "westeurope"), (clusters[0]!["name"]!.GetValue<string>(), clusters[0]!["region"]!.GetValue<string>()));
        Assert.Equal("northeurope", clusters[1]!["region"]!.GetValue<string>());
        // Today's cluster keeps every name: the plan changes none of its resources into a replacement or removal.
        Assert.DoesNotContain(plan.Changes, c => c.Kind == ChangeKind.Remove && before.Resources.Any(r => r.Name == c.Resource));
        Assert.Contains(plan.Changes, c => c.Resource == "secondary-aks" && c.Kind == ChangeKind.Add);
        Assert.True(Assert.Single(plan.Gates, g => g.Kind == GateKind.Availability).Closed);
        // The second cluster comes before what runs on it.
        var aksStep = plan.Steps.First(s => s.Resources.Contains("secondary-aks")).Number;
        Assert.All(plan.Steps.Where(s => s.Resources.Any(r => r.StartsWith("secondary-namespace-", StringComparison.Ordinal))), s => Assert.True(s.Number > aksStep));
        // The first cluster is on an AKS-managed VNet: the plan says plainly that landing zones mean new clusters and a migration.
        var risk = Assert.Single(plan.Risks, r => r.Id == UpgradePlanner.ManagedVnetRisk);
        Assert.Contains("cannot move into another VNet", risk.Description);
        Assert.Contains("Microsoft.ContainerService/managedClusters", risk.Mitigation);
        Assert.DoesNotContain(UpgradePlanner.Default.Plan(Raw(DeploymentTarget.Existing, 3, attested: true), new PlanRequest(4)).Plan.Risks, r => r.Id == UpgradePlanner.ManagedVnetRisk);
    }

    [Fact]
    public void A_single_cluster_cannot_reach_four_nines_and_the_gate_says_how_many_clusters_would()
    {
        var raw = Raw(DeploymentTarget.Azure, 3, attested: true, resilient: true)
            .With(ConfigKeys.Clusters, new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
            {
                ["name"] = "primary", ["region"] = "westeurope", ["zones"] = new System.Text.Json.Nodes.JsonArray("1", "2", "3"),
            }));
        var plan = Plan(raw, 4);
        var gate = Assert.Single(plan.Gates, g => g.Kind == GateKind.Availability);
        Assert.False(gate.Closed);
        Assert.Contains("needs 2 clusters in separate regions", gate.HowToClose);
        Assert.Contains("platform:clusters", gate.HowToClose);
    }

    [Fact]
    public void On_existing_the_availability_gate_asks_for_an_attestation()
    {
        var plan = Plan(Raw(DeploymentTarget.Existing, 2), 3);
        var gate = Assert.Single(plan.Gates, g => g.Kind == GateKind.Availability);
        Assert.Equal("availability-99.9", gate.Id);
        Assert.EndsWith("--attest availability-99.9", gate.HowToClose);
    }

    [Fact]
    public void A_level_change_writes_the_level_staged_enforcement_and_missing_defaults_only()
    {
        var raw = Raw(DeploymentTarget.Existing, 1, attested: true);
        var (_, writes) = UpgradePlanner.Default.Plan(raw, new PlanRequest(2));
        Assert.Equal(2, writes.Single(w => w.Key == ConfigKeys.Level).Value!.GetValue<int>());
        Assert.Equal([Enforcements.NetworkDefaultDeny, Enforcements.TenantQuota, Enforcements.PlatformNetworkDefaultDeny], writes.Single(w => w.Key == ConfigKeys.Staged).Value!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.All(writes.Where(w => w.Key != ConfigKeys.Level && w.Key != ConfigKeys.Staged),
            w => Assert.True(w.Key.FromLevel == 2 && !raw.Has(w.Key), w.Key.FullName));
    }

    [Fact]
    public void A_downgrade_lists_what_it_destroys_as_a_risk_and_asks_no_attestation()
    {
        var down = Plan(Raw(DeploymentTarget.Existing, 3), 2);
        Assert.True(down.IsDowngrade);
        Assert.DoesNotContain(down.Gates, g => g.Kind is GateKind.Attestation or GateKind.Availability);
        var removed = down.Changes.Where(c => c.Kind == ChangeKind.Remove).Select(c => c.Resource).ToList();
        if (removed.Count > 0)
            Assert.Equal(removed, Assert.Single(down.Risks, r => r.Id == "resources-destroyed").Resources.AsEnumerable());
        else
            Assert.DoesNotContain(down.Risks, r => r.Id == "resources-destroyed");
    }

    [Fact]
    public void A_practice_whose_successor_is_not_implemented_yet_stays_in_place_so_nothing_it_built_is_destroyed()
    {
        var plan = Plan(Raw(DeploymentTarget.Existing, 4, attested: true), 5);
        const string prefix = "kept in place of ";
        foreach (var kept in plan.Practices.Where(p => p.Kind == PracticeChangeKind.Carried && p.Detail.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var successor = kept.Detail[prefix.Length..].Split([' ', ',', ':', ';', '('], 2)[0];
            Assert.DoesNotContain(PracticeCatalog.Default.ImplementedPractices, p => p.StartsWith(successor, StringComparison.Ordinal) && kept.Detail.StartsWith(prefix + p, StringComparison.Ordinal));
        }
        // Advanced Access Management (implemented) supersedes Basic: the teams' bindings move to the developer persona.
        Assert.DoesNotContain(plan.Practices, p => p.Practice == "Basic Access Management" && p.Kind == PracticeChangeKind.Carried);
        Assert.Contains(plan.Changes, c => c.Kind == ChangeKind.Add && c.Resource == $"rolebinding-team-0-{AdvancedAccessManagement.TenantBindingName}");
        // Advanced Traffic Filtering (implemented) supersedes Basic and keeps its NetworkPolicies under the same names:
        // none is removed; nor are Basic Resources Management's quotas and limits under Advanced Resources Management.
        var toFour = Plan(Raw(DeploymentTarget.Existing, 3, attested: true), 4);
        Assert.DoesNotContain(toFour.Changes, c => c.Kind == ChangeKind.Remove && c.ResourceKind is "NetworkPolicy" or "ResourceQuota" or "LimitRange");
    }

    [Fact]
    public void Planning_is_deterministic()
    {
        var raw = Raw(DeploymentTarget.Azure, 1, attested: true, resilient: true, tenants: 20);
        var first = System.Text.Json.JsonSerializer.Serialize(Plan(raw, 5));
        var second = System.Text.Json.JsonSerializer.Serialize(Plan(raw, 5));
        Assert.Equal(first, second);
    }
}

/// <summary>`status` shows the next level's gates from <see cref="UpgradePlanner.Outlook"/>, without the plan's diff.</summary>
public sealed class UpgradeOutlookTests
{
    public static TheoryData<DeploymentTarget, int> Pairs => AdjacentPairs();

    [Theory]
    [MemberData(nameof(Pairs))]
    public void The_outlook_has_the_plans_gates_and_practice_changes(DeploymentTarget target, int from)
    {
        foreach (var attested in new[] { false, true })
        {
            var raw = Raw(target, from, attested: attested);
            var plan = UpgradePlanner.Default.Plan(raw, new PlanRequest(from + 1)).Plan;
            var current = Composer.Default.Compose(PlatformConfigParser.ParseOrThrow(raw, "test"));
            var (gates, practices) = UpgradePlanner.Default.Outlook(raw, current, from + 1);
            Assert.Equal(plan.Gates.AsEnumerable(), gates.AsEnumerable());
            Assert.Equal(plan.Practices.Select(p => (p.Practice, p.Kind)), practices.Select(p => (p.Practice, p.Kind)));
            var parts = plan.Summary.Split("; "); // practices; the diff's parts; open gates
            Assert.Equal($"{parts[0]}; {parts[^1]}", UpgradePlan.Outline(from, from + 1, practices, null, gates.Count(g => !g.Closed)));
        }
    }
}
