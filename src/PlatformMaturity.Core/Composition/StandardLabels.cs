using PlatformMaturity.Config;
using PlatformMaturity.Graph;

namespace PlatformMaturity.Composition;

/// <summary>The labels every object the platform creates carries (recommended app.kubernetes.io labels plus the maturity labels).</summary>
public static class StandardLabels
{
    public const string ManagedBy = "app.kubernetes.io/managed-by";
    public const string PartOf = "app.kubernetes.io/part-of";
    public const string Level = "platform.maturity/level";
    public const string Practice = "platform.maturity/practice";

    /// <summary>
    /// The owning team of a tenant's workload: on every tenant pod (required at admission from Level 4, Compliance
    /// Policies Enforcement); the golden paths set it to the app's team.
    /// </summary>
    public const string Team = "team";

    /// <summary>The cost centre a tenant workload's spending is booked to (defined by Costs Center Management, its owner).</summary>
    public const string CostCenter = Practices.Efficiency.CostsCenterManagement.CostCenterLabel;

    /// <summary>The value of managed-by: this tool.</summary>
    public const string Tool = "platform-maturity";

    /// <summary>The practice label's value for foundation objects.</summary>
    public const string FoundationPractice = "foundation";

    /// <summary>The labels with the standard ones added; labels already set are kept.</summary>
    public static IDictionary<string, string> Apply(IDictionary<string, string>? labels, PlatformConfig config, Provenance provenance)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [ManagedBy] = Tool,
            [PartOf] = config.Name,
            [Level] = provenance.Level.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [Practice] = provenance.Source == Provenance.FoundationSource
                ? FoundationPractice
                : Model.PracticeNames.Slug(provenance.Source),
        };
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
            result[key] = value;
        return result;
    }

    /// <summary>Tags for Azure resources (tag names cannot hold '/', so they are plain words).</summary>
    public static System.Collections.Immutable.ImmutableSortedDictionary<string, string> AzureTags(PlatformConfig config, Provenance provenance) =>
        System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
        {
            ["managed-by"] = Tool,
            ["platform"] = config.Name,
            ["environment"] = ConfigNames.Of(config.Environment),
            ["practice"] = provenance.Source == Provenance.FoundationSource
                ? FoundationPractice
                : Model.PracticeNames.Slug(provenance.Source),
        });
}
