using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Tests.Shared;

namespace PlatformMaturity.Cli.Tests;

/// <summary>pmctl init: writes a valid stack for any level and target, and refuses bad input without touching anything.</summary>
public sealed class InitTests
{
    [Theory]
    [InlineData("existing", 1)]
    [InlineData("azure", 1)]
    [InlineData("existing", 5)]
    [InlineData("azure", 5)]
    public void Writes_a_stack_with_every_key_the_level_needs_that_validates(string target, int level)
    {
        using var dir = new TempDirectory();
        var group = target == "azure" ? "7f9c1d2e-0000-4000-8000-000000000001" : "team-a-devs";
        // Levels whose practices this version does not all implement need --force (see the test below).
        var result = CliRunner.Run(dir.Path, ["init", "dev", "--level", level.ToString(), "--target", target, "--tenant", $"team-a:{group}", .. level >= 4 ? ["--force"] : Array.Empty<string>()]);
        Assert.Equal(0, result.ExitCode);
        var path = dir.Combine("stacks", "Pulumi.dev.yaml");
        var raw = StackFile.Read(path, "dev");
        var parsed = PlatformConfigParser.Parse(raw);
        Assert.True(parsed.IsValid, string.Join("\n", parsed.Problems));
        Assert.Equal(level, parsed.Config!.Level);
        ConfigNames.TryParseTarget(target, out var t);
        foreach (var key in ConfigKeys.All.Where(k => k.NeededAt(level, t)))
            Assert.Contains(key.FullName, File.ReadAllText(path));
        Assert.Equal(0, CliRunner.Run(dir.Path, "status", "dev").ExitCode);
    }

    [SkippableFact]
    public void A_level_whose_practices_are_not_all_implemented_is_written_with_a_warning_that_status_repeats()
    {
        // The lowest level with a practice this version does not build on existing clusters: the warning must name it.
        var (level, missing) = Enumerable.Range(1, 5)
            .Select(l => (Level: l, Missing: Composer.Default.InEffectAt(l)
                .Where(p => Composer.Default.StatusOf(p.Practice, p.Carried, DeploymentTarget.Existing).State == PracticeState.NotImplementedYet)
                .Select(p => p.Practice.Name).ToList()))
            .FirstOrDefault(l => l.Missing.Count > 0);
        Skip.If(missing is null, "every practice of every level is implemented on existing clusters: nothing to warn about");
        using var dir = new TempDirectory();
        var written = CliRunner.Run(dir.Path, "init", "dev", "--level", $"{level}", "--target", "existing", "--tenant", "team-a:devs");
        Assert.Equal(0, written.ExitCode);
        Assert.Contains("warning: ", written.Error);
        Assert.Contains($"of Level {level} {(missing.Count == 1 ? "is" : "are")} not implemented yet in this version", written.Error);
        Assert.All(missing, name => Assert.Contains(name, written.Error));
        Assert.Contains("not implemented yet in this version", CliRunner.Run(dir.Path, "status", "dev").Error);
    }

    [Fact]
    public void On_azure_level_4_is_written_with_two_clusters_in_two_regions_and_shows_the_arithmetic()
    {
        using var dir = new TempDirectory();
        var written = CliRunner.Run(dir.Path, "init", "dev", "--level", "4", "--target", "azure", "--tenant", "team-a:7f9c1d2e-0000-4000-8000-000000000001");
        Assert.Equal(0, written.ExitCode);
        var config = Load(dir, "dev");
        Assert.Equal(["westeurope", "northeurope"], config.Members.Select(m => m.Region!).ToArray());
        Assert.All(config.Members, m => Assert.Equal(3, m.Zones.Length));
        Assert.Equal("primary", config.Members[0].Name);
        Assert.Contains("global entry Front Door with DNS failover to the regional gateways (chosen)", written.Out);
        Assert.Contains("≥ target 99.99%", written.Out);

        // A second region without zones is taken as it is, with the lower figure.
        var zoneless = CliRunner.Run(dir.Path, "init", "west", "--level", "4", "--target", "azure", "--region", "eastus", "--region", "westus", "--tenant", "team-a:7f9c1d2e-0000-4000-8000-000000000001");
        Assert.Equal(0, zoneless.ExitCode);
        Assert.Empty(Load(dir, "west").Members[1].Zones);
        Assert.Contains("without availability zones", zoneless.Out);
    }

    [Fact]
    public void On_azure_level_5_is_written_with_three_clusters_in_two_regions_a_gpu_member_and_status_shows_the_fleet()
    {
        using var dir = new TempDirectory();
        var written = CliRunner.Run(dir.Path, "init", "dev", "--level", "5", "--target", "azure", "--tenant", "team-a:7f9c1d2e-0000-4000-8000-000000000001");
        Assert.Equal(0, written.ExitCode);
        var config = Load(dir, "dev");
        Assert.Equal(["westeurope", "northeurope", "westeurope"], config.Members.Select(m => m.Region!).ToArray());
        Assert.Equal(["westeurope", "northeurope"], config.Regions.AsEnumerable());
        Assert.Equal(["gpu"], config.Members[2].Capabilities.AsEnumerable());
        Assert.Equal(TopologyDefaults.GpuVmSize, config.Members[2].UserPool!.VmSize);
        Assert.Contains("shares westeurope", written.Out);
        Assert.Contains("≥ target 99.99%", written.Out);
        var status = CliRunner.Run(dir.Path, "status", "dev");
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("Fleet: 3 members in Azure Kubernetes Fleet Manager fleet-dev; Argo CD hub on primary", status.Out);
        Assert.Contains("upgrades (update run to", status.Out);
        // Each member with the labels placement selects on (the GPU member's capability among them).
        Assert.Contains($"gpu: AKS", status.Out);
        Assert.Contains($"joins the hub with labels {PlatformMaturity.Practices.Availability.MultiClusterPlatform.CapabilityLabel("gpu")}=true", status.Out);
        var graph = CliRunner.Run(dir.Path, "graph", "dev").Out;
        Assert.Contains("fleet_member_gpu", graph);
        Assert.Contains($"{PlatformMaturity.Practices.Availability.MultiClusterPlatform.EnvironmentLabel}=", graph);
    }

    [Fact]
    public void On_azure_a_level_with_an_availability_target_gets_a_topology_that_reaches_it()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, CliRunner.Run(dir.Path, "init", "dev", "--level", "3", "--target", "azure", "--tenant", "team-a:7f9c1d2e-0000-4000-8000-000000000001").ExitCode);
        var config = Load(dir, "dev");
        Assert.Equal(("Standard", 3, 3), (config.SkuTier, config.Zones.Length, config.NodeCount));
        Assert.DoesNotContain("availability", CliRunner.Run(dir.Path, "status", "dev").Error);
    }

    [Fact]
    public void Prod_on_azure_needs_an_admin_group_which_init_takes_as_an_option()
    {
        using var dir = new TempDirectory();
        const string tenant = "team-a:7f9c1d2e-0000-4000-8000-000000000001";
        var refused = CliRunner.Run(dir.Path, "init", "prod", "--level", "2", "--target", "azure", "--environment", "prod", "--tenant", tenant);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains(ConfigKeys.AdminGroupObjectIds.FullName, refused.Error);
        Assert.False(File.Exists(dir.Combine("stacks", "Pulumi.prod.yaml")));

        const string admins = "0b1e2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
        Assert.Equal(0, CliRunner.Run(dir.Path, "init", "prod", "--level", "2", "--target", "azure", "--environment", "prod", "--tenant", tenant,
            "--admin-group", admins).ExitCode);
        Assert.Equal([admins], Load(dir, "prod").AdminGroupObjectIds.ToArray());
        Assert.Equal(0, CliRunner.Run(dir.Path, "status", "prod").ExitCode);
    }

    [Fact]
    public void Documents_each_key_and_shows_optional_ones_commented()
    {
        using var dir = new TempDirectory();
        CliRunner.Run(dir.Path, "init", "dev", "--level", "1", "--target", "existing");
        var text = File.ReadAllText(dir.Combine("stacks", "Pulumi.dev.yaml"));
        Assert.Contains("# " + ConfigKeys.Level.Description, text);
        Assert.Contains("  # platform:kubeContext:", text);
        Assert.Contains("platform:registry: localhost:5001", text);
        Assert.DoesNotContain("platform:regions", text);
    }

    [Fact]
    public void Azure_gets_a_default_region_or_the_given_one()
    {
        using var dir = new TempDirectory();
        CliRunner.Run(dir.Path, "init", "a", "--level", "1", "--target", "azure");
        CliRunner.Run(dir.Path, "init", "b", "--level", "3", "--target", "azure", "--region", "swedencentral");
        Assert.Equal(["westeurope"], Load(dir, "a").Regions.AsEnumerable());
        Assert.Equal(["swedencentral"], Load(dir, "b").Regions.AsEnumerable());
    }

    [Theory]
    [InlineData("level 7", new[] { "init", "dev", "--level", "7", "--target", "existing" }, 2, "--level '7' is not allowed; allowed: 1, 2, 3, 4, 5")]
    [InlineData("unknown target", new[] { "init", "dev", "--level", "1", "--target", "gcp" }, 2, "--target 'gcp' is not allowed; allowed: existing, azure")]
    [InlineData("misspelt target", new[] { "init", "dev", "--level", "1", "--target", "exisitng" }, 2, "did you mean existing?")]
    [InlineData("slash in name", new[] { "init", "a/b", "--level", "1", "--target", "existing" }, 1, "stack name 'a/b' is not valid")]
    [InlineData("dot-dot in name", new[] { "init", "..", "--level", "1", "--target", "existing" }, 1, "stack name '..' is not valid")]
    [InlineData("traversal", new[] { "init", "../../etc/x", "--level", "1", "--target", "existing" }, 1, "is not valid")]
    [InlineData("upper case", new[] { "init", "Dev", "--level", "1", "--target", "existing" }, 1, "lowercase")]
    [InlineData("level 1 in prod", new[] { "init", "dev", "--level", "1", "--target", "existing", "--environment", "prod" }, 1, "non-production only")]
    [InlineData("bad environment", new[] { "init", "dev", "--level", "1", "--target", "existing", "--environment", "staging" }, 2, "allowed: nonprod, prod")]
    [InlineData("region on existing", new[] { "init", "dev", "--level", "1", "--target", "existing", "--region", "westeurope" }, 1, "--region applies to target azure only")]
    [InlineData("display name as region", new[] { "init", "dev", "--level", "1", "--target", "azure", "--region", "West Europe" }, 2, "--region 'West Europe' is not an Azure region name; did you mean westeurope (West Europe)?")]
    [InlineData("misspelt region", new[] { "init", "dev", "--level", "3", "--target", "azure", "--region", "northeurop" }, 2, "did you mean northeurope (North Europe)?")]
    [InlineData("more regions than the level uses", new[] { "init", "dev", "--level", "3", "--target", "azure", "--region", "swedencentral", "--region", "westeurope" }, 2, "--region is given 2 times, but Level 3 places its cluster in 1 region")]
    [InlineData("bad tenant", new[] { "init", "dev", "--level", "1", "--target", "existing", "--tenant", "Team_A" }, 1, "--tenant 'Team_A': name 'Team_A' is not a DNS-1123 label")]
    [InlineData("reserved tenant", new[] { "init", "dev", "--level", "1", "--target", "existing", "--tenant", "kube-system" }, 1, "reserved")]
    [InlineData("level 2 tenant without group", new[] { "init", "dev", "--level", "2", "--target", "existing", "--tenant", "team-a" }, 1, "has no group")]
    [InlineData("missing target", new[] { "init", "dev", "--level", "1" }, 2, "--target")]
    [InlineData("non-numeric level", new[] { "init", "dev", "--level", "two", "--target", "existing" }, 2, "--level 'two' is not allowed; allowed: 1, 2, 3, 4, 5")]
    public void Bad_input_fails_clearly_and_leaves_the_stacks_folder_byte_identical(string why, string[] args, int exit, string message)
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, CliRunner.Run(dir.Path, "init", "keep", "--level", "1", "--target", "existing").ExitCode);
        var before = dir.Snapshot();

        var result = CliRunner.Run(dir.Path, args);

        Assert.True(exit == result.ExitCode, $"{why}: {result}");
        Assert.Contains(message, result.Error);
        Assert.Equal(before, dir.Snapshot());
    }

    [Fact]
    public void Never_overwrites_an_existing_stack()
    {
        using var dir = new TempDirectory();
        CliRunner.Run(dir.Path, "init", "dev", "--level", "1", "--target", "existing");
        var path = dir.Combine("stacks", "Pulumi.dev.yaml");
        File.AppendAllText(path, "# my own notes\n");
        var before = dir.Snapshot();

        var result = CliRunner.Run(dir.Path, "init", "dev", "--level", "2", "--target", "azure");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("already exists", result.Error);
        Assert.Equal(before, dir.Snapshot());
    }

    [Fact]
    public void Of_two_concurrent_inits_of_one_stack_exactly_one_writes_it()
    {
        for (var round = 0; round < 10; round++)
        {
            using var dir = new TempDirectory();
            using var barrier = new Barrier(2);
            var results = new CliResult[2];
            var levels = new[] { "1", "2" };
            var threads = Enumerable.Range(0, 2).Select(i => new Thread(() =>
            {
                barrier.SignalAndWait();
                results[i] = CliRunner.Run(dir.Path, "init", "dev", "--level", levels[i], "--target", "existing", "--tenant", "team-a:devs");
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());

            var winner = Assert.Single(results, r => r.ExitCode == 0);
            Assert.Contains("already exists", Assert.Single(results, r => r.ExitCode == 1).Error);
            var level = Array.IndexOf(results, winner) + 1;
            Assert.Equal(level, Load(dir, "dev").Level);
        }
    }

    [Fact]
    public void Level_1_in_prod_is_written_only_when_forced_and_then_warned_about()
    {
        using var dir = new TempDirectory();
        var refused = CliRunner.Run(dir.Path, "init", "dev", "--level", "1", "--target", "existing", "--environment", "prod");
        Assert.Contains("Every organization starting the journey (non-prod!)", refused.Error);
        Assert.False(Directory.Exists(dir.Combine("stacks")));

        Assert.Equal(0, CliRunner.Run(dir.Path, "init", "dev", "--level", "1", "--target", "existing", "--environment", "prod", "--force").ExitCode);
        var status = CliRunner.Run(dir.Path, "status", "dev");
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("warning: Level 1 (The Launchpad) is for non-production only", status.Error);
    }

    [Fact]
    public void Uses_the_stacks_folder_of_the_nearest_pulumi_project()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("Pulumi.yaml"), "name: platform\nruntime: dotnet\nstackConfigDir: envs\n");
        Directory.CreateDirectory(dir.Combine("src", "deep"));
        Assert.Equal(0, CliRunner.Run(dir.Combine("src", "deep"), "init", "dev", "--level", "1", "--target", "existing").ExitCode);
        Assert.True(File.Exists(dir.Combine("envs", "Pulumi.dev.yaml")));
    }

    private static PlatformConfig Load(TempDirectory dir, string stack) =>
        PlatformConfigParser.ParseOrThrow(StackFile.Read(dir.Combine("stacks", $"Pulumi.{stack}.yaml"), stack), stack);
}
