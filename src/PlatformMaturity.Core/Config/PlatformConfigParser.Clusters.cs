using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;

namespace PlatformMaturity.Config;

/// <summary>Validation of the topology: platform:clusters, and zones only where a region has them.</summary>
public static partial class PlatformConfigParser
{
    /// <summary>The longest member name: it prefixes graph names and the AKS DNS prefix of every member after the first.</summary>
    public const int MaxClusterNameLength = 20;

    private static PlatformConfig ReadTopology(RawConfig raw, PlatformConfig config, Action<ConfigKey, string> problem)
    {
        var members = raw.Has(ConfigKeys.Clusters) ? ReadClusters(raw, config, problem) : [];
        if (config.IsAzure)
        {
            if (members.IsEmpty)
                CheckZonesExist(ConfigKeys.Zones, config.Regions.IsDefaultOrEmpty ? null : config.Regions[0], config.Zones, "", problem);
            else
            {
                ImmutableArray<string> regions = [.. members.Select(m => m.Region!).Distinct()];
                if (raw.Has(ConfigKeys.Regions) && !config.Regions.IsDefaultOrEmpty && !config.Regions.SequenceEqual(regions))
                    problem(ConfigKeys.Regions, $"lists [{string.Join(", ", config.Regions)}] but {ConfigKeys.Clusters.FullName} places its clusters in [{string.Join(", ", regions)}]; " +
                        $"list the members' regions in order, or remove {ConfigKeys.Regions.FullName}");
                if (raw.Has(ConfigKeys.Zones) && !config.Zones.SequenceEqual(members[0].Zones))
                    problem(ConfigKeys.Zones, $"is [{string.Join(", ", config.Zones)}] but the first member of {ConfigKeys.Clusters.FullName} has zones [{string.Join(", ", members[0].Zones)}]; " +
                        $"set the same, or remove {ConfigKeys.Zones.FullName}");
                config = config with { Regions = regions, Zones = members[0].Zones };
            }
        }
        else if (!members.IsEmpty)
        {
            if (raw.Has(ConfigKeys.KubeContext) && members[0].KubeContext is { } first && first != config.KubeContext)
                problem(ConfigKeys.KubeContext, $"is '{config.KubeContext}' but the first member of {ConfigKeys.Clusters.FullName} names context '{first}'; set it in one place");
            members = members.SetItem(0, members[0] with { KubeContext = members[0].KubeContext ?? config.KubeContext });
            config = config with { KubeContext = members[0].KubeContext };
        }
        if (members.Length > 1 && config.Level < 4)
            problem(ConfigKeys.Clusters, $"lists {members.Length} clusters, but Level {config.Level} runs one (more clusters come with Fault-tolerant Workload Distribution at Level 4); keep the first");
        return config with { Clusters = members };
    }

    private static ImmutableArray<ClusterMember> ReadClusters(RawConfig raw, PlatformConfig config, Action<ConfigKey, string> problem)
    {
        var key = ConfigKeys.Clusters;
        if (raw[key] is not JsonArray { Count: > 0 } array)
        {
            problem(key, $"'{Shown(raw[key])}' is not allowed; expected a non-empty list of clusters such as [{{name: primary, {(config.IsAzure ? "region: westeurope" : "kubeContext: kind-a")}}}]");
            return [];
        }
        var members = new List<ClusterMember>();
        for (var i = 0; i < array.Count; i++)
        {
            var at = $"item {i}";
            if (array[i] is not JsonObject item)
            {
                problem(key, $"{at} '{Shown(array[i])}' is not a cluster; expected {{name, {(config.IsAzure ? "region, zones, nodePools" : "kubeContext, availability")}}}");
                continue;
            }
            var allowed = config.IsAzure ? new[] { "name", "region", "zones", "nodePools", "capabilities" } : ["name", "kubeContext", "availability", "region", "capabilities"];
            foreach (var field in item.Select(p => p.Key).Where(f => !allowed.Contains(f)))
                problem(key, $"{at} has '{field}', which target '{ConfigNames.Of(config.Target)}' does not use; allowed: {string.Join(", ", allowed)}");
            var name = Scalar(item["name"]);
            if (name is null || !Names.IsDnsLabel(name, MaxClusterNameLength))
            {
                problem(key, $"{at} name '{Shown(item["name"])}' is not allowed; expected 1 to {MaxClusterNameLength} lowercase letters, digits and hyphens");
                continue;
            }
            if (members.Any(m => m.Name == name) || (i > 0 && name == Graph.ClusterRef.PrimaryKey))
            {
                problem(key, $"{at} name '{name}' is taken; each cluster has its own name ('{Graph.ClusterRef.PrimaryKey}' only for the first)");
                continue;
            }
            var capabilities = ReadCapabilities(item["capabilities"], $"{at} ({name})", config.Level, problem);
            var member = config.IsAzure ? ReadAzureMember(item, name, at, members, capabilities, problem) : ReadExistingMember(item, name, at, problem);
            if (member is not null)
                members.Add(member with { Capabilities = capabilities });
        }
        return [.. members];
    }

    /// <summary>
    /// A member's capabilities (Level 5, Multi-cluster Platform): DNS labels such as gpu, each once. They become the
    /// values of the member's Argo CD cluster labels, so placement can select them.
    /// </summary>
    private static ImmutableArray<string> ReadCapabilities(JsonNode? node, string at, int level, Action<ConfigKey, string> problem)
    {
        var key = ConfigKeys.Clusters;
        if (node is null)
            return [];
        if (level < 5)
        {
            problem(key, $"{at} has capabilities, which place applications across a fleet (Multi-cluster Platform, Level 5); remove them below Level 5");
            return [];
        }
        if (node is not JsonArray list)
        {
            problem(key, $"{at} capabilities '{Shown(node)}' is not a list; expected e.g. [gpu]");
            return [];
        }
        var capabilities = new List<string>();
        foreach (var capability in list.Select(Scalar))
        {
            if (capability is not null && Names.IsDnsLabel(capability, 30) && !capabilities.Contains(capability))
                capabilities.Add(capability);
            else
                problem(key, $"{at} capability '{capability}' is not allowed; expected lowercase letters, digits and hyphens (at most 30), each once, e.g. gpu");
        }
        return [.. capabilities];
    }

    private static ClusterMember? ReadAzureMember(JsonObject item, string name, string at, List<ClusterMember> members, ImmutableArray<string> capabilities, Action<ConfigKey, string> problem)
    {
        var key = ConfigKeys.Clusters;
        var region = Scalar(item["region"]);
        if (region is null || !AzureRegions.IsRegion(region))
        {
            problem(key, $"{at} ({name}) region {(region is null ? "is required: the Azure region of the cluster, e.g. westeurope" : AzureRegions.Problem(region))}");
            return null;
        }
        // A specialised member (capabilities, Level 5: e.g. the GPU cluster) may share a region: it adds capacity of a
        // kind, not redundancy, so the availability arithmetic counts one cluster per region.
        if (members.FirstOrDefault(m => m.Region == region) is { } same && capabilities.IsEmpty)
        {
            problem(key, $"{at} ({name}) is in {region}, like '{same.Name}'; a second cluster in the same region adds no regional redundancy, put it in another region (e.g. {AzureRegions.PairOf(region) ?? "its Azure pair"}), or at Level 5 give it capabilities (e.g. [gpu]) that make it a specialised member");
            return null;
        }
        var zones = new List<string>();
        if (item["zones"] is JsonArray zoneList)
        {
            foreach (var zone in zoneList.Select(Scalar))
            {
                if (zone is "1" or "2" or "3" && !zones.Contains(zone))
                    zones.Add(zone);
                else
                    problem(key, $"{at} ({name}) zone '{zone}' is not allowed; allowed: 1, 2, 3, each once");
            }
        }
        else if (item["zones"] is not null)
            problem(key, $"{at} ({name}) zones '{Shown(item["zones"])}' is not a list; expected e.g. [\"1\", \"2\", \"3\"]");
        CheckZonesExist(key, region, [.. zones], $"{at} ({name}) ", problem);
        return new ClusterMember
        {
            Name = name,
            Region = region,
            Zones = [.. zones],
            SystemPool = ReadPoolSize(item["nodePools"], "system", $"{at} ({name})", problem),
            UserPool = ReadPoolSize(item["nodePools"], "user", $"{at} ({name})", problem),
        };
    }

    private static ClusterMember? ReadExistingMember(JsonObject item, string name, string at, Action<ConfigKey, string> problem)
    {
        var key = ConfigKeys.Clusters;
        var context = item["kubeContext"] is null ? null : Scalar(item["kubeContext"]);
        if (item["kubeContext"] is not null && string.IsNullOrWhiteSpace(context))
            problem(key, $"{at} ({name}) kubeContext '{Shown(item["kubeContext"])}' is not a context name");
        double? availability = null;
        if (item["availability"] is { } given)
        {
            if (double.TryParse(Scalar(given), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent) && percent is > 0 and < 100)
                availability = percent / 100;
            else
                problem(key, $"{at} ({name}) availability '{Shown(given)}' is not allowed; expected the percentage the cluster's owner guarantees, e.g. 99.95");
        }
        var region = item["region"] is null ? null : Scalar(item["region"]);
        if (item["region"] is not null && (region is null || !Names.IsDnsLabel(region, 40)))
            problem(key, $"{at} ({name}) region '{Shown(item["region"])}' is not allowed; expected a label such as eu-west (lowercase letters, digits and hyphens)");
        return new ClusterMember { Name = name, KubeContext = context, Availability = availability, Region = region };
    }

    private static NodePoolSize? ReadPoolSize(JsonNode? pools, string pool, string at, Action<ConfigKey, string> problem)
    {
        var key = ConfigKeys.Clusters;
        if (pools is null)
            return null;
        if (pools is not JsonObject map || map.Any(p => p.Key is not ("system" or "user")))
        {
            if (pool == "system")
                problem(key, $"{at} nodePools '{Shown(pools)}' is not allowed; expected {{system: {{vmSize, count, minCount, maxCount}}, user: {{...}}}}");
            return null;
        }
        if (map[pool] is not JsonObject size)
            return null;
        int? Count(string field, int min)
        {
            if (size[field] is null)
                return null;
            if (int.TryParse(Scalar(size[field]), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= 1000)
                return n;
            problem(key, $"{at} nodePools.{pool}.{field} '{Shown(size[field])}' is not allowed; expected {min} to 1000");
            return null;
        }
        var vmSize = Scalar(size["vmSize"]);
        if (size["vmSize"] is not null && (vmSize is null || !VmSizePattern().IsMatch(vmSize)))
            problem(key, $"{at} nodePools.{pool}.vmSize '{Shown(size["vmSize"])}' is not allowed; expected an Azure VM size such as Standard_D4ds_v5");
        var result = new NodePoolSize(vmSize, Count("count", 2), Count("minCount", 2), Count("maxCount", 2));
        if (result is { MinCount: { } min, MaxCount: { } max } && max < min)
            problem(key, $"{at} nodePools.{pool}.maxCount {max} is below minCount {min}");
        return result;
    }

    /// <summary>Zones only where the region has them: a zone-less region takes a regional pool (and the lower availability figure).</summary>
    private static void CheckZonesExist(ConfigKey key, string? region, ImmutableArray<string> zones, string at, Action<ConfigKey, string> problem)
    {
        if (region is null || zones.IsDefaultOrEmpty || !AzureRegions.IsRegion(region))
            return;
        var offered = AzureRegions.ZonesIn(region);
        if (offered == 0)
            problem(key, $"{at}zones [{string.Join(", ", zones)}] are not available: {region} has no availability zones; remove them (a regional pool computes to the lower figure) or choose a region with zones");
    }
}
