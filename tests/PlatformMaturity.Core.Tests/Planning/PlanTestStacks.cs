using System.Text.Json.Nodes;
using PlatformMaturity.Config;
using PlatformMaturity.Model;
using PlatformMaturity.Planning;

namespace PlatformMaturity.Core.Tests.Planning;

/// <summary>Raw stack configs for planning tests, with every gate closable.</summary>
public static class PlanTestStacks
{
    /// <param name="recorded">Whether the stack records its enforced controls, as pmctl init writes it; false: a stack an older pmctl wrote.</param>
    public static RawConfig Raw(DeploymentTarget target, int level, bool attested = false, bool resilient = false, int tenants = 2, bool recorded = true)
    {
        var raw = RawConfig.Empty("test")
            .With(ConfigKeys.Level, level)
            .With(ConfigKeys.Target, ConfigNames.Of(target))
            .With(ConfigKeys.Tenants, new JsonArray([.. Enumerable.Range(0, tenants).Select(i =>
                (JsonNode)new JsonObject { ["name"] = $"team-{i}", ["group"] = Group(target, i), ["tier"] = "medium" })]));
        if (target == DeploymentTarget.Azure)
        {
            raw = raw.With(ConfigKeys.Regions, new JsonArray("westeurope"));
            if (resilient)
            {
                raw = raw.With(ConfigKeys.SkuTier, "Standard")
                    .With(ConfigKeys.Zones, new JsonArray("1", "2", "3"))
                    .With(ConfigKeys.NodeCount, 3);
            }
        }
        if (recorded)
            raw = raw.With(ConfigKeys.Enforced, Enforcements.Record());
        return attested ? raw.With(ConfigKeys.Attestations, AllAttestations()) : raw;
    }

    /// <summary>A tenant's group: an Entra ID object id on azure, a name elsewhere.</summary>
    public static string Group(DeploymentTarget target, int i) =>
        target == DeploymentTarget.Azure ? $"00000000-0000-4000-8000-{i:000000000000}" : $"group-{i}";

    /// <summary>Every requirement and availability attestation of every level.</summary>
    public static JsonArray AllAttestations() => new([
        .. MaturityModel.Default.Levels.SelectMany(l => l.Requirements).Select(r => r.Id)
            .Concat(AvailabilityModel.AttestationIds(MaturityModel.Default))
            .Select(id => (JsonNode)new JsonObject { ["id"] = id, ["by"] = "test", ["at"] = "2026-11-24T09:00:00Z" }),
    ]);

    public static TheoryData<DeploymentTarget, int> AdjacentPairs()
    {
        var data = new TheoryData<DeploymentTarget, int>();
        foreach (var target in Enum.GetValues<DeploymentTarget>())
        {
            for (var from = 1; from < 5; from++)
                data.Add(target, from);
        }
        return data;
    }
}
