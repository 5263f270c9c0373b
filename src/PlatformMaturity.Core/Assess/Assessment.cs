using PlatformMaturity.Assess.Rules;
using PlatformMaturity.Model;

namespace PlatformMaturity.Assess;

/// <summary>The verdict on one practice, with why and the objects that show it.</summary>
/// <param name="SatisfiedBy">A met successor that satisfies this practice in place of its own evidence.</param>
public sealed record PracticeAssessment(
    string Practice,
    IReadOnlyList<PracticeCategory> Categories,
    int FirstLevel,
    Verdict Verdict,
    string Why,
    IReadOnlyList<string> Evidence,
    string Brings,
    string? SatisfiedBy = null)
{
    /// <summary>Counts towards a level: met (itself or by a successor) or not checkable.</summary>
    public bool Holds => Verdict is Verdict.Met or Verdict.NotCheckable || SatisfiedBy is not null;
}

/// <summary>Where a level stands: reached, blocked (something missing or partial), or undetermined (only unknowns in the way).</summary>
public enum LevelState
{
    Reached,
    Blocked,
    Undetermined,
}

public sealed record LevelStanding(int Level, string Name, LevelState State, IReadOnlyList<string> Blocking, IReadOnlyList<string> Unknown);

/// <summary>One step of the gap to the next level.</summary>
/// <param name="Unblocks">The levels (next and above) that list or carry the practice: what bringing it moves.</param>
public sealed record GapItem(string Practice, Verdict Verdict, string Why, IReadOnlyList<int> Unblocks, string Command);

/// <summary>A kind the assessment could not see, and the practices that leaves unknown.</summary>
public sealed record Unseen(string Kind, string Reason, IReadOnlyList<string> Practices);

/// <summary>The whole assessment: level reached (a range when unknowns stand in the way), verdicts, gap, and what was not seen.</summary>
/// <param name="Level">The highest level reached (0: not even Level 1).</param>
/// <param name="LevelUpTo">The highest level the cluster may reach once the unknowns are resolved (equal to Level when nothing is unknown).</param>
public sealed record Assessment(
    string Source,
    int Level,
    int LevelUpTo,
    string Summary,
    IReadOnlyList<LevelStanding> Levels,
    IReadOnlyList<PracticeAssessment> Practices,
    int? NextLevel,
    IReadOnlyList<GapItem> Gap,
    IReadOnlyList<Unseen> Unseen,
    IReadOnlyList<Snapshot.SnapshotProblem> Problems,
    IReadOnlyList<string> Notes,
    long ObjectsRead);
