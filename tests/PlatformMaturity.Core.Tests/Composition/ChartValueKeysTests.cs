using System.Collections.Immutable;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Tests.Shared;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Composition;

/// <summary>
/// Every value key a HelmRelease of the graph sets exists in its chart at the pinned version. Helm ignores unknown
/// keys silently, so a misspelt or stale key (a setting the chart dropped or moved) would deploy with the chart's
/// default and nobody would notice. The known keys are extracted from the charts' values.yaml and templates by
/// tests/TestData/chart-values/extract-keys.py (sources in each file's header).
/// </summary>
public class ChartValueKeysTests
{
    private static string KeysFile(HelmChart chart) =>
        Path.Combine(TestPaths.TestData, "chart-values", $"{chart.Name.Split('/')[^1]}-{chart.Version}.keys"); // an OCI chart by its last path segment

    private sealed record ChartKeys(ImmutableHashSet<string> Exact, ImmutableHashSet<string> OpenMaps)
    {
        public static ChartKeys Load(string file)
        {
            var lines = File.ReadAllLines(file).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
            return new ChartKeys(
                lines.Where(l => !l.EndsWith(" {}", StringComparison.Ordinal)).ToImmutableHashSet(StringComparer.Ordinal),
                lines.Where(l => l.EndsWith(" {}", StringComparison.Ordinal)).Select(l => l[..^3]).ToImmutableHashSet(StringComparer.Ordinal));
        }

        /// <summary>The key exists, or sits below a map the chart passes through as free-form (its default is {}).</summary>
        public bool Knows(IReadOnlyList<string> segments)
        {
            for (var i = 1; i <= segments.Count; i++)
            {
                var prefix = Join(segments.Take(i));
                if (OpenMaps.Contains(prefix))
                    return true;
                if (i == segments.Count)
                    return Exact.Contains(prefix);
            }
            return false;
        }
    }

    private static string Join(IEnumerable<string> segments) =>
        string.Join('.', segments.Select(s => s.Contains('.', StringComparison.Ordinal) ? $"\"{s}\"" : s));

    /// <summary>Leaf paths of the values (lists are leaves: their items are chart-defined objects, not values keys).</summary>
    private static IEnumerable<IReadOnlyList<string>> Leaves(HelmValues values, ImmutableList<string> prefix)
    {
        foreach (var (key, value) in values.Entries)
        {
            var path = prefix.Add(key);
            if (value is HelmValues map && !map.Entries.IsEmpty)
            {
                foreach (var leaf in Leaves(map, path))
                    yield return leaf;
            }
            else
                yield return path;
        }
    }

    /// <summary>Configs that between them create every release with every optional setting.</summary>
    private static IEnumerable<PlatformConfig> Configs()
    {
        foreach (var target in Enum.GetValues<DeploymentTarget>())
        {
            for (var level = 1; level <= 5; level++)
                yield return For(target, level);
        }
        yield return Existing(3) with { TracesEndpoint = "traces.example.com:4317" };
        // The developer portal (Level 5) deploys only with its image configured.
        const string portal = "registry.example.com/platform/backstage@sha256:4f0c2a9e7d1b3c5a6e8f9d0b1c2a3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d";
        yield return Existing(5) with { BackstageImage = portal };
        yield return Azure(5) with { BackstageImage = portal };
    }

    private static IEnumerable<HelmRelease> Releases() =>
        Configs().SelectMany(c => Compose(c).Resources.OfType<HelmRelease>());

    [Fact]
    public void Every_value_key_set_by_a_release_exists_in_its_chart_at_the_pinned_version()
    {
        var keys = new Dictionary<HelmChart, ChartKeys>();
        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        var charts = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var release in Releases())
        {
            var file = KeysFile(release.Chart);
            Assert.True(File.Exists(file), $"no key list for chart {release.Chart.Name} {release.Chart.Version}: run tests/TestData/chart-values/extract-keys.py on it");
            if (!keys.TryGetValue(release.Chart, out var known))
                keys[release.Chart] = known = ChartKeys.Load(file);
            charts.Add($"{release.Chart.Name}-{release.Chart.Version}");
            foreach (var leaf in Leaves(release.Values, []))
            {
                if (!known.Knows(leaf))
                    unknown.Add($"{release.Chart.Name}-{release.Chart.Version}: {Join(leaf)}");
            }
            foreach (var path in release.ValuesFromAzure.Keys)
            {
                // name[n] addresses an item of a list the values hold: its key is the list's.
                var segments = HelmValues.SplitPath(path).TakeWhile(s => !s.Contains('[', StringComparison.Ordinal)).ToList();
                var inList = segments.Count < HelmValues.SplitPath(path).Count;
                if (inList)
                    segments.Add(HelmValues.SplitPath(path)[segments.Count].Split('[')[0]);
                if (!known.Knows(segments))
                    unknown.Add($"{release.Chart.Name}-{release.Chart.Version}: {path} (from Azure)");
            }
        }
        Assert.True(charts.Count >= 10, $"only {charts.Count} charts composed: {string.Join(", ", charts)}");
        Assert.True(unknown.Count == 0, "value keys the pinned charts do not have:\n" + string.Join('\n', unknown));
    }

    [Fact]
    public void A_key_list_exists_for_every_pinned_chart()
    {
        var pinned = typeof(Versions.Pins).GetFields()
            .Where(f => f.FieldType == typeof(HelmChart))
            .Select(f => (HelmChart)f.GetValue(null)!);
        foreach (var chart in pinned)
            Assert.True(File.Exists(KeysFile(chart)), $"no key list for pinned chart {chart.Name} {chart.Version}");
    }

    [Fact]
    public void The_check_refuses_a_key_the_chart_does_not_have()
    {
        var known = ChartKeys.Load(KeysFile(Versions.Pins.Velero));
        Assert.True(known.Knows(HelmValues.SplitPath("metrics.serviceMonitor.enabled")));
        Assert.True(known.Knows(HelmValues.SplitPath("podLabels.\"azure.workload.identity/use\"")));
        Assert.False(known.Knows(HelmValues.SplitPath("metrics.serviceMonitor.enable")));
        Assert.False(known.Knows(HelmValues.SplitPath("kubectl.image.repositry")));
    }
}
