using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Model;
using PlatformMaturity.Planning;
using PlatformMaturity.Tests.Shared;

namespace PlatformMaturity.Cli.Tests;

/// <summary>Property: for random valid stacks, upgrading one level and downgrading back restores an equal graph.</summary>
public sealed class UpgradeRoundTripTests
{
    private static readonly string[] TenantNames = ["team-a", "team-b", "payments", "search", "ml", "web", "data"];

    private static readonly Gen<(DeploymentTarget Target, int Level, string[] Tenants, string[] Tiers, int Nodes)> Stacks =
        from target in Gen.Enum<DeploymentTarget>()
        from level in Gen.Int[1, 4]
        from tenants in Gen.Shuffle(TenantNames, 0, 4)
        from tiers in Gen.OneOf("small", "medium", "large").Array[tenants.Length]
        from nodes in Gen.Int[3, 5]
        select (target, level, tenants, tiers, nodes);

    [Fact]
    public void Upgrade_then_downgrade_restores_the_graph()
    {
        Stacks.Sample(stack =>
        {
            using var dir = new TempDirectory();
            var path = dir.Combine("stacks", "Pulumi.dev.yaml");
            Directory.CreateDirectory(dir.Combine("stacks"));
            File.WriteAllText(path, StackFileEditor.Apply("# random stack\n", Writes(stack)));
            var before = Fingerprint(path);

            var up = CliRunner.Run(dir.Path, "upgrade", "dev", "--to", (stack.Level + 1).ToString(), "--yes");
            Assert.True(up.ExitCode == 0, up.ToString());
            var down = CliRunner.Run(dir.Path, "upgrade", "dev", "--to", stack.Level.ToString(), "--yes", "--allow-downgrade");
            Assert.True(down.ExitCode == 0, down.ToString());

            Assert.Equal(before, Fingerprint(path));
        }, iter: 40);
    }

    private static IEnumerable<(ConfigKey, JsonNode?)> Writes((DeploymentTarget Target, int Level, string[] Tenants, string[] Tiers, int Nodes) s)
    {
        yield return (ConfigKeys.Level, s.Level);
        yield return (ConfigKeys.Target, ConfigNames.Of(s.Target));
        // On azure, RoleBindings name Entra ID groups by object id.
        yield return (ConfigKeys.Tenants, new JsonArray([.. s.Tenants.Select((t, i) => (JsonNode)new JsonObject
        {
            ["name"] = t,
            ["group"] = s.Target == DeploymentTarget.Azure ? $"00000000-0000-4000-8000-{i:000000000000}" : $"{t}-devs",
            ["tier"] = s.Tiers[i],
        })]));
        yield return (ConfigKeys.Attestations, new JsonArray([.. MaturityModel.Default.Levels.SelectMany(l => l.Requirements).Select(r => r.Id)
            .Concat(AvailabilityModel.AttestationIds(MaturityModel.Default))
            .Select(id => (JsonNode)new JsonObject { ["id"] = id, ["by"] = "prop", ["at"] = "2026-11-24T00:00:00Z" })]));
        if (s.Target == DeploymentTarget.Azure)
        {
            yield return (ConfigKeys.Regions, new JsonArray("westeurope"));
            yield return (ConfigKeys.SkuTier, "Standard");
            yield return (ConfigKeys.Zones, new JsonArray("1", "2", "3"));
            yield return (ConfigKeys.NodeCount, s.Nodes);
        }
    }

    /// <summary>Everything the graph would provision: components, resources with settings and provenance, practice states.</summary>
    private static string Fingerprint(string path)
    {
        var graph = Composer.Default.Compose(PlatformConfigParser.ParseOrThrow(StackFile.Read(path, "dev"), path));
        var text = new StringBuilder();
        foreach (var component in graph.Components)
        {
            text.Append($"{component.Id} {component.TypeToken} after [{string.Join(",", component.DependsOn)}]\n");
            foreach (var resource in component.Resources)
            {
                text.Append($"  {resource.Kind} {resource.Name} {resource.Provenance} [{string.Join(",", resource.DependsOn)}]\n");
                foreach (var (setting, value) in ResourceSettings.Flatten(resource))
                    text.Append($"    {setting}={value} ({resource.ProvenanceOf(setting)})\n");
            }
        }
        foreach (var practice in graph.Practices)
            text.Append($"{practice.Practice}: {practice.State}\n");
        return text.ToString();
    }
}
