using System.Collections.Immutable;

namespace PlatformMaturity.Graph.Azure;

/// <summary>
/// An Azure resource the platform provisions on the azure target. Properties carry the Pulumi.Azure
/// argument names, so the Pulumi host maps them one to one.
/// </summary>
public abstract record AzureResource : GraphResource
{
    public ImmutableSortedDictionary<string, string> Tags { get; init; } =
        ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    public override string Kind => "azure:" + GetType().Name;

    /// <summary>
    /// Whether deleting the resource loses data the platform cannot recreate (backups, logs, secrets, images). Such a
    /// resource is retained: when it leaves the graph (a downgrade, or pulumi destroy) Pulumi forgets it but leaves it in
    /// Azure, and the plan says "retained (left in Azure)" instead of "destroyed". Each data-holding record type turns it
    /// on in its constructor, with the reason; a record may turn it off where its data is disposable.
    /// </summary>
    /// <remarks>
    /// Retention, not Pulumi's protect: a protected resource makes pulumi up fail when the graph drops it, so
    /// pmctl upgrade --allow-downgrade could never be applied, whereas a retained one is simply left behind.
    /// </remarks>
    public bool RetainOnDelete { get; init; }

    /// <summary>Graph names of the resources this one refers to (and so depends on).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public virtual IEnumerable<string> References => [];
}

/// <summary>An output of another Azure resource of the graph, resolved by the Pulumi host (e.g. a registry's id).</summary>
public sealed record AzureRef(string Resource, AzureOutput Output)
{
    /// <summary>
    /// Text that stands for the output's value in a Kubernetes object until Azure assigns it (e.g. a registry's
    /// generated login server); the Pulumi host replaces it (<see cref="KubernetesResource.TextFromAzure"/>) and
    /// pmctl render shows it as is.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Placeholder => $"$(azure:{Resource}.{Output})";
}

/// <summary>The outputs graph resources refer to.</summary>
public enum AzureOutput
{
    /// <summary>The ARM resource id.</summary>
    Id,

    /// <summary>The resource's name.</summary>
    Name,

    /// <summary>The object id of an AKS cluster's kubelet identity.</summary>
    KubeletIdentityObjectId,

    /// <summary>The principal (object) id of an identity: a user-assigned identity, or a resource's system-assigned one.</summary>
    PrincipalId,

    /// <summary>The client id of a user-assigned identity (for workload identity annotations).</summary>
    ClientId,

    /// <summary>The OIDC issuer URL of an AKS cluster.</summary>
    OidcIssuerUrl,

    /// <summary>The login server of a container registry (name.azurecr.io), the registry part of its images' references.</summary>
    LoginServer,

    /// <summary>The API server host name of an AKS cluster (Fqdn), which the fleet's Argo CD hub reaches it by.</summary>
    Fqdn,

    /// <summary>The base64 CA certificate of an AKS cluster's API server (KubeConfigs[0].ClusterCaCertificate; a secret output).</summary>
    ClusterCaCertificate,
}
