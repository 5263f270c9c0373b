using System.Collections.Immutable;

namespace PlatformMaturity.Versions;

/// <summary>An image the platform itself puts into tenant pods, and what for.</summary>
/// <param name="Key">What selects it: for auto-instrumentation the language, as in the Instrumentation's spec
/// (spec.&lt;key&gt;.image) and the pod annotation instrumentation.opentelemetry.io/inject-&lt;key&gt;.</param>
/// <param name="Image">repository:tag, pinned in <see cref="Pins"/>.</param>
public sealed record TenantPodImage(string Key, string Image)
{
    /// <summary>The image without its tag: what the allowed-registries policy admits.</summary>
    public string Repository => Image[..Image.LastIndexOf(':')];
}

/// <summary>
/// The images the platform (not the app) places in tenant pods, defined once: the Instrumentation objects set them,
/// and the allowed-registries policy admits exactly their repositories on both targets, whatever registries the stack
/// allows for its apps — otherwise an instrumented Deployment is admitted and its pods are refused, and the app silently
/// runs no pods.
/// <para>
/// Decision: the upstream repositories are admitted as they are (exact repository, any tag or digest), not mirrored
/// into the platform's registry with ACR cache rules. The same rule then holds on existing and azure, needs no
/// registry-side objects or credentials for ghcr.io, and admits one repository per image, never a whole registry.
/// </para>
/// </summary>
public static class TenantPodImages
{
    /// <summary>
    /// OpenTelemetry auto-instrumentation, one init container per instrumented pod (Application Observability).
    /// Go is left out: the operator disables it by default and its eBPF sidecar needs privileges the Restricted
    /// Pod Security level refuses.
    /// </summary>
    public static readonly ImmutableArray<TenantPodImage> AutoInstrumentation =
    [
        new("java", Pins.AutoInstrumentation.Java),
        new("nodejs", Pins.AutoInstrumentation.NodeJs),
        new("python", Pins.AutoInstrumentation.Python),
        new("dotnet", Pins.AutoInstrumentation.DotNet),
    ];

    /// <summary>
    /// A postgres golden path's instance pods (Golden Paths, Level 4): CloudNativePG creates them from the Cluster with
    /// PostgreSQL, the instance manager's bootstrap init container and the Barman Cloud plugin's sidecar.
    /// </summary>
    public static readonly ImmutableArray<TenantPodImage> Postgres =
    [
        new("postgresql", Pins.Postgres.Image),
        new("instance-manager", Pins.Postgres.InstanceManagerImage),
        new("barman-cloud-sidecar", Pins.Postgres.BarmanCloudSidecarImage),
    ];

    public static ImmutableArray<TenantPodImage> All => [.. AutoInstrumentation, .. Postgres];

    /// <summary>The repositories the allowed-registries policy admits exactly (repository:tag or repository@digest only).</summary>
    public static ImmutableArray<string> Repositories => [.. All.Select(i => i.Repository).Distinct(StringComparer.Ordinal)];
}
