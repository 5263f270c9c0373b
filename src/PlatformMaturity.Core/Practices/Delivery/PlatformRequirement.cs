namespace PlatformMaturity.Practices.Delivery;

/// <summary>
/// Something a golden path cannot do without (its template.yaml's <c>requires</c>): a practice the platform must provide
/// (in effect and implemented on its target), or an API group whose CRDs the platform must install. Exactly one of the
/// two is set. <c>pmctl app new</c> refuses a golden path whose requirements are unmet, and the developer portal offers
/// only golden paths whose requirements are met: both ask <see cref="IsMetBy"/>.
/// </summary>
/// <param name="For">What the golden path needs it for, for the refusal ("GPU nodes for the model server").</param>
public sealed record PlatformRequirement(string? Practice, string? ApiGroup, string For)
{
    /// <summary>Whether a platform that provides the practices <paramref name="provides"/> says and installs the API groups <paramref name="installs"/> says meets it.</summary>
    public bool IsMetBy(Func<string, bool> provides, Func<string, bool> installs) =>
        Practice is { } practice ? provides(practice) : installs(ApiGroup!);

    public override string ToString() => Practice ?? $"the API group {ApiGroup}";
}
