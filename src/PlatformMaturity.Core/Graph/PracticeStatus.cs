using System.Collections.Immutable;
using PlatformMaturity.Model;

namespace PlatformMaturity.Graph;

/// <summary>What became of one practice in effect at the stack's level.</summary>
public enum PracticeState
{
    /// <summary>A component implements it on this target.</summary>
    Implemented,

    /// <summary>It cannot apply to this target; <see cref="PracticeStatus.Detail"/> says why.</summary>
    NotApplicable,

    /// <summary>The tool has no component for it yet; nothing is created for it.</summary>
    NotImplementedYet,
}

/// <summary>A practice in effect, whether it was implemented, and what implements it (or why not).</summary>
/// <param name="Carried">A lower level listed it and nothing has superseded it yet.</param>
/// <param name="Detail">What implements it on the stack's target, or the reason it is not applicable or not implemented.</param>
/// <param name="ComponentId">The graph component that implements it, when implemented.</param>
public sealed record PracticeStatus(
    string Practice,
    ImmutableArray<PracticeCategory> Categories,
    bool Carried,
    PracticeState State,
    string Detail,
    string? ComponentId);
