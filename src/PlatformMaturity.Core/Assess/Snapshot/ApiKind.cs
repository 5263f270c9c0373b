namespace PlatformMaturity.Assess.Snapshot;

/// <summary>A kind of Kubernetes object the assessment reads, with the REST resource that lists it.</summary>
/// <param name="Group">API group; "" for the core group.</param>
/// <param name="Version">The version pmctl lists it at (live); snapshots accept any version.</param>
/// <param name="BuiltIn">Served by every API server of a supported version; otherwise a CRD brings it.</param>
public sealed record ApiKind(string Group, string Version, string Kind, string Plural, bool Namespaced, bool BuiltIn)
{
    /// <summary>The name `kubectl api-resources -o name` prints: "networkpolicies.networking.k8s.io", "namespaces".</summary>
    public string Resource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>The name of the CRD that brings it (only meaningful when not built in).</summary>
    public string DefinitionName => Resource;

    /// <summary>"NetworkPolicy (networking.k8s.io)", "Namespace".</summary>
    public string Display => Group.Length == 0 ? Kind : $"{Kind} ({Group})";

    /// <summary>The list path on the API server.</summary>
    public string ListPath => Group.Length == 0 ? $"/api/{Version}/{Plural}" : $"/apis/{Group}/{Version}/{Plural}";

    public string ListPathAt(string version) => Group.Length == 0 ? $"/api/{version}/{Plural}" : $"/apis/{Group}/{version}/{Plural}";
}
