namespace PlatformMaturity.Graph;

/// <summary>Who put a resource or setting into the graph: a practice (or the platform foundation) and the level it came with.</summary>
public sealed record Provenance(string Source, int Level)
{
    /// <summary>The source of resources every level needs, which no single practice owns (cluster, resource group, tenant namespaces).</summary>
    public const string FoundationSource = "Platform foundation";

    public static Provenance Foundation { get; } = new(FoundationSource, 1);

    public override string ToString() => $"{Source} (Level {Level})";
}
