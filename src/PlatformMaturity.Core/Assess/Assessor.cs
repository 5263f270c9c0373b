using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Rules;
using PlatformMaturity.Assess.Snapshot;
using PlatformMaturity.Config;
using PlatformMaturity.Model;

namespace PlatformMaturity.Assess;

/// <summary>
/// Turns a snapshot into an assessment: a verdict per practice from its evidence rule, then the level reached — the
/// highest level such that it and every level below have all their practices met (itself or by a met successor) or
/// not checkable — and the gap to the next level.
/// </summary>
public sealed class Assessor(MaturityModel model, EvidenceRules rules)
{
    public static Assessor Default { get; } = new(MaturityModel.Default, EvidenceRules.Default);

    public Assessment Assess(ClusterSnapshot snapshot, string stackHint = "<stack>", EnvironmentKind? environment = null)
    {
        var cluster = new ClusterView(snapshot, environment);
        var verdicts = model.Practices.ToDictionary(p => p.Name, p => Judge(p, cluster), StringComparer.Ordinal);
        foreach (var practice in model.Practices)
        {
            var satisfier = MetSuccessor(practice, verdicts);
            if (satisfier is not null && verdicts[practice.Name].Verdict != Verdict.Met)
                verdicts[practice.Name] = verdicts[practice.Name] with { SatisfiedBy = satisfier };
        }

        var levels = model.Levels.Select(level => Standing(level, verdicts)).ToList();
        var reached = levels.TakeWhile(l => l.State == LevelState.Reached).Count();
        var upTo = levels.TakeWhile(l => l.State != LevelState.Blocked).Count();
        int? next = reached < model.HighestLevel ? reached + 1 : null;
        var gap = next is { } n ? Gap(n, verdicts, stackHint) : [];
        var unseen = snapshot.Unseen
            .Select(c => new Unseen(c.Kind.Display, c.Reason ?? "not listed",
                [.. verdicts.Values.Where(v => v.Verdict == Verdict.Unknown && rules.ByPractice.TryGetValue(v.Practice, out var r) && r.Reads.Contains(c.Kind)).Select(v => v.Practice)]))
            .ToList();
        var summary = (reached, upTo) switch
        {
            (0, 0) => "below Level 1",
            var (a, b) when a == b => $"Level {a} - {model.Level(a).Name}",
            (0, var b) => $"below Level 1, up to Level {b} once the unknowns are resolved",
            var (a, b) => $"at least Level {a}, up to Level {b} once the unknowns are resolved",
        };
        return new Assessment(snapshot.Source, reached, upTo, summary, levels,
            [.. model.Practices.Select(p => verdicts[p.Name])], next, gap, unseen, snapshot.Problems, snapshot.Notes, snapshot.ObjectsRead);
    }

    private PracticeAssessment Judge(Practice practice, ClusterView cluster)
    {
        if (!rules.ByPractice.TryGetValue(practice.Name, out var rule))
            return new PracticeAssessment(practice.Name, practice.Categories, practice.FirstLevel, Verdict.Unknown,
                "pmctl has no cluster evidence rule for this practice yet", [], $"what pmctl describe {practice.FirstLevel} lists for it");
        var finding = rule.Evaluate(cluster);
        if (finding.Verdict is not (Verdict.Met or Verdict.NotCheckable))
        {
            var unseen = rule.Reads.Select(cluster.Snapshot.Coverage).Where(c => c.State == CoverageState.Unknown).ToList();
            if (unseen.Count > 0)
                finding = finding with
                {
                    Verdict = Verdict.Unknown,
                    Why = $"could not see {string.Join(", ", unseen.Select(u => u.Kind.Display))}; from what was visible: {finding.Why}",
                };
        }
        return new PracticeAssessment(practice.Name, practice.Categories, practice.FirstLevel, finding.Verdict, finding.Why, finding.Evidence, rule.Brings);
    }

    private string? MetSuccessor(Practice practice, Dictionary<string, PracticeAssessment> verdicts)
    {
        for (var next = practice.Successor; next is not null; next = model.Practice(next).Successor)
        {
            if (verdicts[next].Verdict == Verdict.Met)
                return next;
        }
        return null;
    }

    private LevelStanding Standing(Level level, Dictionary<string, PracticeAssessment> verdicts)
    {
        var inEffect = model.InEffectAt(level.Number).Select(p => verdicts[p.Practice.Name]).Where(v => !v.Holds).ToList();
        var blocking = inEffect.Where(v => v.Verdict is Verdict.Missing or Verdict.Partial).Select(v => v.Practice).ToList();
        var unknown = inEffect.Where(v => v.Verdict == Verdict.Unknown).Select(v => v.Practice).ToList();
        var state = blocking.Count > 0 ? LevelState.Blocked : unknown.Count > 0 ? LevelState.Undetermined : LevelState.Reached;
        return new LevelStanding(level.Number, level.Name, state, blocking, unknown);
    }

    /// <summary>
    /// What stands between the cluster and <paramref name="next"/>, ordered by what bringing it unblocks: first the
    /// practices every higher level needs too, then those nearest to met (partial before missing before unknown).
    /// </summary>
    private List<GapItem> Gap(int next, Dictionary<string, PracticeAssessment> verdicts, string stack)
    {
        var order = model.Practices.Select((p, i) => (p.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        return [.. model.InEffectAt(next)
            .Select(p => verdicts[p.Practice.Name])
            .Where(v => !v.Holds)
            .Select(v => new GapItem(
                v.Practice,
                v.Verdict,
                v.Why,
                [.. Enumerable.Range(next, model.HighestLevel - next + 1).Where(l => model.InEffectAt(l).Any(p => p.Practice.Name == v.Practice))],
                v.Verdict == Verdict.Unknown && rules.ByPractice.ContainsKey(v.Practice)
                    ? $"let pmctl see it (grant get/list, or add the kinds to the snapshot); else pmctl upgrade {stack} --to {next}: {v.Brings}"
                    : $"pmctl upgrade {stack} --to {next}: {v.Brings}"))
            .OrderByDescending(g => g.Unblocks.Count)
            .ThenBy(g => g.Verdict switch { Verdict.Partial => 0, Verdict.Missing => 1, _ => 2 })
            .ThenBy(g => order[g.Practice])];
    }
}
