using PlatformMaturity.Config;

namespace PlatformMaturity.Composition;

/// <summary>
/// Implements one practice of the model as a component of the platform graph. One subclass per practice,
/// in Practices/&lt;Category&gt;/&lt;Practice&gt;.cs; the catalog finds them all.
/// </summary>
public abstract class PracticeComponent
{
    /// <summary>The practice's exact name in the seed.</summary>
    public abstract string Practice { get; }

    /// <summary>What implements the practice, on each target.</summary>
    public abstract Implementation Implementation { get; }

    /// <summary>Null when the practice applies to the target; otherwise why it cannot.</summary>
    public virtual string? NotApplicableReason(DeploymentTarget target) => null;

    /// <summary>
    /// Null when the practice applies to this stack; otherwise why it cannot. A practice that depends on what an
    /// existing cluster has (its CNI, say) answers from the stack's config; by default, from its target alone.
    /// </summary>
    public virtual string? NotApplicableReason(PlatformConfig config) => NotApplicableReason(config.Target);

    /// <summary>Adds the practice's resources and contributions to the graph.</summary>
    public abstract void Build(ComponentBuilder component);
}

/// <summary>What implements a practice on the existing target and on azure.</summary>
public sealed record Implementation(string Existing, string Azure)
{
    public static Implementation OnBothTargets(string text) => new(text, text);

    public string For(DeploymentTarget target) => target == DeploymentTarget.Azure ? Azure : Existing;
}
