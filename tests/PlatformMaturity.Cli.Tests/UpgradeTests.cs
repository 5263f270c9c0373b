using PlatformMaturity.Cli.Stacks;
using PlatformMaturity.Config;
using PlatformMaturity.Model;
using PlatformMaturity.Planning;
using PlatformMaturity.Tests.Shared;

namespace PlatformMaturity.Cli.Tests;

/// <summary>pmctl plan and upgrade: gates refuse, writes are atomic and minimal, locks hold, plans are explained.</summary>
public sealed class UpgradeTests
{
    private static string[] AttestAll(int level) =>
        [.. MaturityModel.Default.Level(level).Requirements.SelectMany(r => new[] { "--attest", r.Id })];

    private static TempDirectory Stack(int level = 1, string target = "existing")
    {
        var dir = new TempDirectory();
        var result = CliRunner.Run(dir.Path, "init", "dev", "--level", level.ToString(), "--target", target,
            "--tenant", "team-a:team-a-devs", "--tenant", "team-b:team-b-devs:large");
        Assert.Equal(0, result.ExitCode);
        File.AppendAllText(StackPath(dir), "  # a comment the upgrade must keep\n  azure:location: westeurope\n");
        return dir;
    }

    private static string StackPath(TempDirectory dir) => dir.Combine("stacks", "Pulumi.dev.yaml");

    private static PlatformConfig Config(TempDirectory dir) =>
        PlatformConfigParser.ParseOrThrow(StackFile.Read(StackPath(dir), "dev"), "dev");

    [Fact]
    public void Plan_json_carries_practices_gates_steps_risks_and_cost()
    {
        using var dir = Stack();
        var result = CliRunner.Run(dir.Path, "plan", "dev", "--to", "2", "--output", "json");
        Assert.Equal(0, result.ExitCode);
        var json = result.Json;
        Assert.Equal(1, json["from"]!.GetValue<int>());
        Assert.Equal("Operational Foundation", json["toName"]!.GetValue<string>());
        Assert.False(json["ready"]!.GetValue<bool>());
        Assert.Equal(MaturityModel.Default.Level(2).Requirements.Length, json["gates"]!.AsArray().Count(g => g!["kind"]!.GetValue<string>() == "attestation"));
        foreach (var key in new[] { "practices", "changes", "steps", "risks", "configWrites" })
            Assert.NotNull(json[key]);
        Assert.NotNull(json["cost"]!["delta"]);

        var text = CliRunner.Run(dir.Path, "plan", "dev", "--to", "2").Out;
        Assert.Contains("Readiness gates", text);
        Assert.Contains("l2-roadmap", text);
        Assert.StartsWith("# Plan for stack dev", CliRunner.Run(dir.Path, "plan", "dev", "--to", "2", "-o", "markdown").Out);
    }

    [Fact]
    public void An_upgrade_with_an_open_gate_lists_each_gate_with_its_fix_and_changes_nothing()
    {
        using var dir = Stack();
        var before = dir.Snapshot();
        var result = CliRunner.Run(dir.Path, "upgrade", "dev", "--to", "2", "--yes", "--attest", "l2-roadmap");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("readiness gates are open; nothing was written", result.Error);
        Assert.Contains("pmctl upgrade dev --to 2 --attest l2-apps-ready-for-production", result.Error);
        Assert.DoesNotContain("--attest l2-roadmap\n", result.Error);
        Assert.Equal(before, dir.Snapshot());
    }

    [Fact]
    public void With_gates_closed_it_changes_only_the_level_and_what_the_level_needs_and_keeps_comments()
    {
        using var dir = Stack();
        var original = File.ReadAllText(StackPath(dir));
        var before = StackFile.Read(StackPath(dir), "dev");

        var result = CliRunner.Run(dir.Path, ["upgrade", "dev", "--to", "2", "--yes", "--by", "ana", .. AttestAll(2)]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var text = File.ReadAllText(StackPath(dir));
        Assert.Contains("# a comment the upgrade must keep", text);
        Assert.Contains("azure:location: westeurope", text);
        var raw = StackFile.Read(StackPath(dir), "dev");
        var written = new[] { ConfigKeys.Level, ConfigKeys.Staged, ConfigKeys.Attestations }.Select(k => k.FullName).ToHashSet();
        foreach (var (key, value) in before.Values.Where(v => !written.Contains(v.Key)))
            Assert.Equal(value?.ToJsonString(), raw.Values[key]?.ToJsonString());
        foreach (var key in raw.Values.Keys.Except(before.Values.Keys))
        {
            var added = ConfigKeys.Find(key)!;
            Assert.True(written.Contains(key) || (added.FromLevel == 2 && added.Default is not null), $"{key} was written but the level does not need it");
        }
        var after = Config(dir);
        Assert.Equal(2, after.Level);
        Assert.Equal([Enforcements.NetworkDefaultDeny, Enforcements.TenantQuota, Enforcements.PlatformNetworkDefaultDeny], after.Staged.AsEnumerable());
        Assert.All(MaturityModel.Default.Level(2).Requirements, r =>
            Assert.Contains(after.Attestations, a => a.Id == r.Id && a.By == "ana" && a.At == "2026-11-24T09:30:00Z"));
        foreach (var line in original.Split('\n').Where(l => !l.Contains("platform:level") && !l.Contains("platform:staged") && !l.Contains("platform:attestations") && !l.StartsWith("# Level 1")))
            Assert.Contains(line, text);
        Assert.Contains("\n# Level 2 - Operational Foundation: Discover useful features and explore further.\n", text);
        Assert.False(File.Exists(StackLock.PathFor(StackPath(dir))));
    }

    [Fact]
    public void Without_yes_a_non_interactive_upgrade_writes_nothing_and_a_person_must_say_yes()
    {
        using var dir = Stack();
        var before = dir.Snapshot();
        var unattended = CliRunner.Run(dir.Path, ["upgrade", "dev", "--to", "2", .. AttestAll(2)]);
        Assert.Equal(1, unattended.ExitCode);
        Assert.Contains("pass --yes", unattended.Error);
        var declined = CliRunner.RunWith(dir.Path, "n\n", ["upgrade", "dev", "--to", "2", .. AttestAll(2)]);
        Assert.Equal(1, declined.ExitCode);
        Assert.Equal(before, dir.Snapshot());

        var accepted = CliRunner.RunWith(dir.Path, "y\n", ["upgrade", "dev", "--to", "2", .. AttestAll(2)]);
        Assert.Equal(0, accepted.ExitCode);
        Assert.Equal(2, Config(dir).Level);
    }

    [Fact]
    public void Dry_run_writes_nothing_and_exits_by_readiness()
    {
        using var dir = Stack();
        var before = dir.Snapshot();
        Assert.Equal(1, CliRunner.Run(dir.Path, "upgrade", "dev", "--to", "2", "--dry-run").ExitCode);
        var ready = CliRunner.Run(dir.Path, ["upgrade", "dev", "--to", "2", "--dry-run", .. AttestAll(2)]);
        Assert.Equal(0, ready.ExitCode);
        Assert.Contains("Dry run", ready.Out);
        Assert.Equal(before, dir.Snapshot());
    }

    [Fact]
    public void One_level_at_a_time_unless_skipping_is_allowed_and_then_every_level_is_gated()
    {
        using var dir = Stack();
        var before = dir.Snapshot();
        var refused = CliRunner.Run(dir.Path, ["upgrade", "dev", "--to", "3", "--yes", .. AttestAll(2), .. AttestAll(3)]);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("upgrade one level at a time", refused.Error);

        var gated = CliRunner.Run(dir.Path, ["upgrade", "dev", "--to", "3", "--yes", "--allow-skip", .. AttestAll(3)]);
        Assert.Equal(1, gated.ExitCode);
        Assert.Contains("l2-roadmap (Level 2)", gated.Error);
        Assert.Equal(before, dir.Snapshot());

        var skipped = CliRunner.Run(dir.Path, ["upgrade", "dev", "--to", "3", "--yes", "--allow-skip", .. AttestAll(2), .. AttestAll(3), "--attest", "availability-99.9"]);
        Assert.True(skipped.ExitCode == 0, skipped.ToString());
        Assert.Equal(3, Config(dir).Level);
    }

    [Fact]
    public void Downgrades_are_refused_without_allow_downgrade()
    {
        using var dir = Stack(level: 2);
        var before = dir.Snapshot();
        var refused = CliRunner.Run(dir.Path, "upgrade", "dev", "--to", "1", "--yes");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("is a downgrade", refused.Error);
        Assert.Contains("--allow-downgrade", refused.Error);
        Assert.Equal(before, dir.Snapshot());

        Assert.Equal(0, CliRunner.Run(dir.Path, "upgrade", "dev", "--to", "1", "--yes", "--allow-downgrade").ExitCode);
        Assert.Equal(1, Config(dir).Level);
    }

    /// <summary>
    /// On azure, Level 3 → 2 drops the backup and log storage: Pulumi leaves those accounts and containers in Azure
    /// (RetainOnDelete), so the refusal and the plan list them as retained, not among what the downgrade destroys.
    /// </summary>
    [Fact]
    public void A_downgrade_lists_retained_storage_as_left_in_Azure_not_destroyed()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, CliRunner.Run(dir.Path, "init", "dev", "--level", "3", "--target", "azure",
            "--tenant", "team-a:00000000-0000-4000-8000-000000000001").ExitCode);
        File.AppendAllText(StackPath(dir), "  azure:location: westeurope\n");
        // Which removals retain is the planner's (tested in Core); here: how the CLI words them.
        var retained = UpgradePlanner.Default.Plan(StackFile.Read(StackPath(dir), "dev"), new PlanRequest(2, [])).Plan.Changes
            .Where(c => c.Retains).Select(c => c.Resource).ToList();
        Assert.Contains(retained, name => name.Contains("backup", StringComparison.Ordinal));

        var refused = CliRunner.Run(dir.Path, "upgrade", "dev", "--to", "2", "--yes");
        Assert.Equal(1, refused.ExitCode);
        var lines = refused.Error.Split('\n');
        var split = Array.FindIndex(lines, l => l.Contains("stay in Azure, not destroyed"));
        Assert.True(split > 0, refused.Error);
        foreach (var name in retained)
        {
            var line = Assert.Single(lines, l => l.Contains($" {name} ("));
            Assert.True(Array.IndexOf(lines, line) > split, $"{name} is listed among the destroyed resources");
            Assert.EndsWith("retained (left in Azure)", line.TrimEnd());
        }
        Assert.Contains($"and removes {retained.Count} from the stack", refused.Error);

        var plan = CliRunner.Run(dir.Path, "plan", "dev", "--to", "2").Out;
        foreach (var name in retained)
            Assert.Contains($"{name} in ", Assert.Single(plan.Split('\n'), l => l.Contains("retained (left in Azure), not destroyed") && l.Contains($" {name} in ")));
        Assert.Contains($"{retained.Count} of them retained (left in Azure)", plan);
    }

    [Fact]
    public void Promote_clears_staged_enforcement_after_confirmation()
    {
        using var dir = Stack();
        CliRunner.Run(dir.Path, ["upgrade", "dev", "--to", "2", "--yes", .. AttestAll(2)]);
        Assert.NotEmpty(Config(dir).Staged);

        var result = CliRunner.Run(dir.Path, "upgrade", "dev", "--promote", "--yes");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("promotion plan", result.Out, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Config(dir).Staged);
        Assert.Contains("no staged enforcement", CliRunner.Run(dir.Path, "upgrade", "dev", "--promote", "--yes").Error);
    }

    [Fact]
    public void Upgrading_2_to_3_stages_the_registry_policy_as_warn_and_audit_status_says_staged_and_promote_denies()
    {
        using var dir = Stack(level: 2);
        var upgrade = CliRunner.Run(dir.Path, ["upgrade", "dev", "--to", "3", "--yes", "--attest", "availability-99.9", .. AttestAll(3)]);
        Assert.True(upgrade.ExitCode == 0, upgrade.ToString());
        Assert.Contains(Enforcements.AllowedRegistries, Config(dir).Staged);
        Assert.Contains(Enforcements.PlatformPodSecurity, Config(dir).Staged);
        Assert.Equal(["Warn", "Audit"], RenderedRegistryActions(dir));
        AssertControl(dir, Enforcements.AllowedRegistries, "staged");
        Assert.Contains("pmctl upgrade dev --promote", CliRunner.Run(dir.Path, "status", "dev").Out);

        var promote = CliRunner.Run(dir.Path, "upgrade", "dev", "--promote", "--yes");
        Assert.True(promote.ExitCode == 0, promote.ToString());
        Assert.Empty(Config(dir).Staged);
        Assert.Equal(["Deny"], RenderedRegistryActions(dir));
        AssertControl(dir, Enforcements.AllowedRegistries, "enforced");
    }

    /// <summary>Level 4 security's controls on existing (local-accounts-disabled is an AKS setting).</summary>
    private static readonly string[] Level4SecurityControls =
    [
        Enforcements.RequiredLabels, Enforcements.ResourceLimits, Enforcements.NoLatestTag, Enforcements.WorkloadProbes,
        Enforcements.MeshMtlsStrict, Enforcements.EgressDefaultDeny, Enforcements.MeshAuthorization,
    ];

    [Fact]
    public void Upgrading_3_to_4_stages_every_security_control_status_says_so_and_promote_enforces_them()
    {
        using var dir = Stack(level: 3);
        var upgrade = CliRunner.Run(dir.Path, ["upgrade", "dev", "--to", "4", "--yes", "--attest", "availability-99.99", .. AttestAll(4)]);
        Assert.True(upgrade.ExitCode == 0, upgrade.ToString());
        Assert.Equal(4, Config(dir).Level);
        foreach (var id in Level4SecurityControls)
        {
            Assert.Contains(id, Config(dir).Staged);
            AssertControl(dir, id, "staged");
        }
        // Controls of Azure settings change nothing on an existing cluster, so nothing is staged for them.
        Assert.DoesNotContain(Enforcements.LocalAccountsDisabled, Config(dir).Staged);
        Assert.DoesNotContain(Enforcements.LandingZonePolicies, Config(dir).Staged);
        var staged = Rendered(dir);
        Assert.Equal(2, TenantObjects(staged, "PeerAuthentication").Count(p => p["spec"]!["mtls"]!["mode"]!.GetValue<string>() == "PERMISSIVE"));
        Assert.Equal(2, TenantObjects(staged, "AuthorizationPolicy").Count(p => p["spec"]!["action"]!.GetValue<string>() == "AUDIT"));
        Assert.Equal(2, TenantObjects(staged, "NetworkPolicy").Count(n => n["metadata"]!["name"]!.GetValue<string>() == PlatformMaturity.Practices.Security.AdvancedTrafficFiltering.StagedAllowAllEgress));
        Assert.DoesNotContain(TenantObjects(staged, "NetworkPolicy"), n => n["metadata"]!["name"]!.GetValue<string>() == PlatformMaturity.Practices.Security.AdvancedTrafficFiltering.DefaultDenyEgress);
        foreach (var policy in CompliancePolicies)
            Assert.Equal(["Warn", "Audit"], BindingActions(staged, policy));

        var promote = CliRunner.Run(dir.Path, "upgrade", "dev", "--promote", "--yes");
        Assert.True(promote.ExitCode == 0, promote.ToString());
        Assert.Empty(Config(dir).Staged);
        foreach (var id in Level4SecurityControls)
            AssertControl(dir, id, "enforced");
        var enforced = Rendered(dir);
        Assert.Equal(2, TenantObjects(enforced, "PeerAuthentication").Count(p => p["spec"]!["mtls"]!["mode"]!.GetValue<string>() == "STRICT"));
        Assert.Equal(2, TenantObjects(enforced, "AuthorizationPolicy").Count(p => p["spec"]!["action"]!.GetValue<string>() == "ALLOW"));
        Assert.Equal(2, TenantObjects(enforced, "NetworkPolicy").Count(n => n["metadata"]!["name"]!.GetValue<string>() == PlatformMaturity.Practices.Security.AdvancedTrafficFiltering.DefaultDenyEgress));
        Assert.DoesNotContain(TenantObjects(enforced, "NetworkPolicy"), n => n["metadata"]!["name"]!.GetValue<string>() == PlatformMaturity.Practices.Security.AdvancedTrafficFiltering.StagedAllowAllEgress);
        foreach (var policy in CompliancePolicies)
            Assert.Equal(["Deny"], BindingActions(enforced, policy));
    }

    private static readonly string[] CompliancePolicies =
    [
        PlatformMaturity.Practices.Security.CompliancePoliciesEnforcement.RequiredLabelsPolicy, PlatformMaturity.Practices.Security.CompliancePoliciesEnforcement.ResourceLimitsPolicy,
        PlatformMaturity.Practices.Security.CompliancePoliciesEnforcement.NoLatestTagPolicy, PlatformMaturity.Practices.Security.CompliancePoliciesEnforcement.WorkloadProbesPolicy,
    ];

    private static List<System.Text.Json.Nodes.JsonNode> Rendered(TempDirectory dir)
    {
        var outDir = dir.Combine("out");
        if (Directory.Exists(outDir))
            Directory.Delete(outDir, recursive: true);
        var render = CliRunner.Run(dir.Path, "render", "dev", "--out", "out");
        Assert.True(render.ExitCode == 0, render.ToString());
        return [.. Directory.EnumerateFiles(outDir, "*.yaml", SearchOption.AllDirectories).SelectMany(f => YamlDocuments.Parse(File.ReadAllText(f))).OfType<System.Text.Json.Nodes.JsonNode>()];
    }

    private static IEnumerable<System.Text.Json.Nodes.JsonNode> TenantObjects(List<System.Text.Json.Nodes.JsonNode> objects, string kind) =>
        objects.Where(o => o["kind"]?.GetValue<string>() == kind && o["metadata"]?["namespace"]?.GetValue<string>() is "team-a" or "team-b");

    private static string[] BindingActions(List<System.Text.Json.Nodes.JsonNode> objects, string policy) =>
        [.. objects.Single(o => o["kind"]?.GetValue<string>() == "ValidatingAdmissionPolicyBinding" && o["metadata"]!["name"]!.GetValue<string>() == policy)["spec"]!["validationActions"]!.AsArray().Select(a => a!.GetValue<string>())];

    [Fact]
    public void A_new_stack_enforces_from_the_start_and_status_says_so()
    {
        using var dir = Stack(level: 3);
        Assert.Empty(Config(dir).Staged);
        Assert.Equal(["Deny"], RenderedRegistryActions(dir));
        // The controls of the practices in effect at Level 3 (Level 4's, such as cost-center-label, are not part of its graph).
        var inEffect = PlatformMaturity.Model.MaturityModel.Default.InEffectAt(3).Select(p => p.Practice.Name).ToHashSet();
        foreach (var enforcement in Enforcements.All.Where(e => inEffect.Contains(e.Practice)))
            AssertControl(dir, enforcement.Id, "enforced");
    }

    /// <summary>The control's state in status --output json, and the same word on its line of the text output.</summary>
    private static void AssertControl(TempDirectory dir, string id, string state)
    {
        var json = CliRunner.Run(dir.Path, "status", "dev", "--output", "json").Json;
        var control = json["controls"]!.AsArray().Single(c => c!["id"]!.GetValue<string>() == id)!;
        Assert.Equal(state, control["state"]!.GetValue<string>());
        var practice = json["practices"]!.AsArray().Single(p => p!["practice"]!.GetValue<string>() == control["practice"]!.GetValue<string>())!;
        Assert.Equal(state == "staged", practice["staged"]!.AsArray().Any(s => s!.GetValue<string>() == id));
        Assert.Contains($"  {id}: {state} - ", CliRunner.Run(dir.Path, "status", "dev").Out);
    }

    private static string[] RenderedRegistryActions(TempDirectory dir)
    {
        var outDir = dir.Combine("out");
        if (Directory.Exists(outDir))
            Directory.Delete(outDir, recursive: true);
        var render = CliRunner.Run(dir.Path, "render", "dev", "--out", "out");
        Assert.True(render.ExitCode == 0, render.ToString());
        var binding = Directory.EnumerateFiles(outDir, "*.yaml", SearchOption.AllDirectories)
            .SelectMany(f => YamlDocuments.Parse(File.ReadAllText(f)))
            .Single(d => d!["kind"]?.GetValue<string>() == "ValidatingAdmissionPolicyBinding"
                         && d["metadata"]!["name"]!.GetValue<string>() == PlatformMaturity.Practices.Security.AdvancedVulnerabilitiesManagement.AllowedRegistriesPolicy)!;
        return [.. binding["spec"]!["validationActions"]!.AsArray().Select(a => a!.GetValue<string>())];
    }

    [Fact]
    public void A_held_lock_stops_a_second_upgrade_and_a_lock_file_left_by_a_dead_process_does_not()
    {
        using var dir = Stack();
        var before = dir.Snapshot();
        using (StackLock.Acquire(StackPath(dir), TimeProvider.System))
        {
            var blocked = CliRunner.Run(dir.Path, ["upgrade", "dev", "--to", "2", "--yes", .. AttestAll(2)]);
            Assert.Equal(1, blocked.ExitCode);
            Assert.Contains("is being upgraded by another pmctl process", blocked.Error);
        }
        Assert.Equal(before, dir.Snapshot());

        // The OS lock died with its process: a file left behind (kill -9, full disk) is just locked again.
        var lockPath = StackLock.PathFor(StackPath(dir));
        File.WriteAllText(lockPath, "");
        var upgraded = CliRunner.Run(dir.Path, ["upgrade", "dev", "--to", "2", "--yes", .. AttestAll(2)]);
        Assert.True(upgraded.ExitCode == 0, upgraded.ToString());
        Assert.Contains("was left by an upgrade that did not finish", upgraded.Error);
        Assert.False(File.Exists(lockPath));
    }

    [Fact]
    public void Of_two_concurrent_upgrades_exactly_one_wins_and_the_file_stays_valid()
    {
        for (var round = 0; round < 5; round++)
        {
            using var dir = Stack();
            using var barrier = new Barrier(2);
            var results = new CliResult[2];
            var threads = Enumerable.Range(0, 2).Select(i => new Thread(() =>
            {
                barrier.SignalAndWait();
                results[i] = CliRunner.Run(dir.Path, ["upgrade", "dev", "--to", "2", "--yes", .. AttestAll(2)]);
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());

            Assert.Equal(1, results.Count(r => r.ExitCode == 0));
            var loser = results.Single(r => r.ExitCode != 0);
            Assert.Equal(1, loser.ExitCode);
            Assert.Matches("being upgraded by (process|another pmctl process|other pmctl processes)|changed while planning|already at Level 2", loser.Error);
            Assert.Equal(2, Config(dir).Level);
        }
    }

    [SkippableFact]
    public void Apply_runs_pulumi_preview_then_up_or_says_how_when_pulumi_is_missing()
    {
        Skip.If(OperatingSystem.IsWindows(), "the stand-in pulumi is a shell script");
        using var dir = Stack();
        File.WriteAllText(dir.Combine("Pulumi.yaml"), "name: platform\nruntime: dotnet\nstackConfigDir: stacks\n");
        var before = dir.Snapshot();
        var missing = CliRunner.Run(dir.Path, ["upgrade", "dev", "--to", "2", "--yes", "--apply", .. AttestAll(2)]);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("--apply needs pulumi, but the pulumi CLI is not on PATH; nothing was written. Upgrade without --apply and run: pulumi preview --stack dev && pulumi up --stack dev", missing.Error);
        Assert.Equal(before, dir.Snapshot());
        Assert.Equal(0, CliRunner.Run(dir.Path, ["upgrade", "dev", "--to", "2", "--yes", .. AttestAll(2)]).ExitCode);

        var bin = dir.Combine("bin");
        Directory.CreateDirectory(bin);
        var log = dir.Combine("pulumi.log");
        File.WriteAllText(Path.Combine(bin, "pulumi"), $"#!/bin/sh\necho \"pulumi $*\" >> {log}\necho \"ran $1\"\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(Path.Combine(bin, "pulumi"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var applied = CliRunner.RunWith(dir.Path, null, ["upgrade", "dev", "--to", "3", "--yes", "--apply", .. AttestAll(3), "--attest", "availability-99.9"], path: bin);
        Assert.True(applied.ExitCode == 0, applied.ToString());
        Assert.Equal(["pulumi preview --stack dev", "pulumi up --stack dev --yes --skip-preview"], File.ReadAllLines(log));
        Assert.Contains("ran preview", applied.Out);

        // pulumi failing after the stack file was written is exit 3: 1 would claim that nothing changed.
        File.WriteAllText(Path.Combine(bin, "pulumi"), "#!/bin/sh\nexit 7\n");
        var failed = CliRunner.RunWith(dir.Path, null, ["upgrade", "dev", "--promote", "--yes", "--apply"], path: bin);
        Assert.True(failed.ExitCode == 3, failed.ToString());
        Assert.Contains("pulumi preview failed with exit code 7; the stack file already holds the new level", failed.Error);
    }

    [Theory]
    [InlineData(new[] { "upgrade", "dev", "--to", "9", "--yes" }, 2, "--to '9' is not allowed; allowed: 1, 2, 3, 4, 5")]
    [InlineData(new[] { "upgrade", "dev", "--to", "1", "--yes" }, 1, "already at Level 1")]
    [InlineData(new[] { "upgrade", "dev", "--yes" }, 2, "--to <level> is required")]
    [InlineData(new[] { "upgrade", "dev", "--to", "2", "--yes", "--attest", "l2-nope" }, 1, "l2-nope: not a requirement id")]
    [InlineData(new[] { "upgrade", "dev", "--promote", "--to", "2", "--yes" }, 2, "drop --to")]
    [InlineData(new[] { "upgrade", "dev", "--to", "2", "--by", "" }, 2, "--by needs a name")]
    [InlineData(new[] { "plan", "dev", "--to", "1" }, 1, "already at Level 1")]
    public void Bad_requests_fail_clearly_without_writing(string[] args, int exit, string message)
    {
        using var dir = Stack();
        var before = dir.Snapshot();
        var result = CliRunner.Run(dir.Path, args);
        Assert.Equal(exit, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.Equal(before, dir.Snapshot());
    }

    [Fact]
    public void Status_shows_the_next_level_its_open_gates_and_a_one_line_plan()
    {
        using var dir = Stack();
        var json = CliRunner.Run(dir.Path, "status", "dev", "--output", "json").Json;
        var next = json["next"]!;
        Assert.Equal(2, next["level"]!.GetValue<int>());
        Assert.False(next["ready"]!.GetValue<bool>());
        Assert.StartsWith("Level 1 → 2:", next["summary"]!.GetValue<string>());
        Assert.Contains(next["openGates"]!.AsArray(), g => g!["id"]!.GetValue<string>() == "l2-roadmap");
        var text = CliRunner.Run(dir.Path, "status", "dev").Out;
        Assert.Contains("Next level: 2 - Operational Foundation", text);
        Assert.Contains("pmctl plan dev --to 2", text);
    }
}
