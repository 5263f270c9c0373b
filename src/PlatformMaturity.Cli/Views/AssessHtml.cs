using System.Globalization;
using System.Text;
using PlatformMaturity.Assess;
using PlatformMaturity.Assess.Rules;
using PlatformMaturity.Model;
using static System.Net.WebUtility;

namespace PlatformMaturity.Cli.Views;

/// <summary>
/// The assessment as one self-contained page (inline CSS, no script, no fetch): the five levels as a ladder, a bar
/// per category and the evidence tables — the page a lead shows in a meeting.
/// </summary>
internal static class AssessHtml
{
    private static readonly Verdict[] Order = [Verdict.Met, Verdict.Partial, Verdict.Missing, Verdict.Unknown, Verdict.NotCheckable];

    public static string Page(Assessment a)
    {
        var s = new StringBuilder();
        s.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        s.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">");
        s.Append($"<title>Platform maturity: {HtmlEncode(a.Summary)}</title><style>{Style}</style></head><body>\n");
        s.Append($"<header><h1>Platform maturity assessment</h1><p class=\"source\">{HtmlEncode(a.Source)} · {a.ObjectsRead.ToString("N0", CultureInfo.InvariantCulture)} objects read</p>");
        s.Append($"<p class=\"summary\" id=\"level\" data-level=\"{a.Level}\" data-level-up-to=\"{a.LevelUpTo}\">Level reached: <strong>{HtmlEncode(a.Summary)}</strong></p></header>\n");

        s.Append("<section class=\"top\"><div class=\"ladder\"><h2>Levels</h2>");
        foreach (var level in a.Levels.Reverse())
        {
            var state = level.State.ToString().ToLowerInvariant();
            var detail = level.State switch
            {
                LevelState.Reached => "reached",
                LevelState.Blocked => $"{level.Blocking.Count} missing or partial",
                _ => $"{level.Unknown.Count} unknown",
            };
            s.Append($"<div class=\"rung {state}\" data-level=\"{level.Level}\" data-state=\"{state}\"><span class=\"n\">{level.Level}</span><span class=\"name\">{HtmlEncode(level.Name)}</span><span class=\"state\">{HtmlEncode(detail)}</span></div>");
        }
        s.Append("</div><div class=\"bars\"><h2>Categories</h2>");
        foreach (var category in Enum.GetValues<PracticeCategory>())
        {
            var practices = a.Practices.Where(p => p.Categories.Contains(category)).ToList();
            s.Append($"<div class=\"bar\" data-category=\"{category}\"><span class=\"label\">{category}</span><span class=\"track\">");
            foreach (var verdict in Order)
            {
                var n = practices.Count(p => Effective(p) == verdict);
                if (n > 0)
                    s.Append($"<span class=\"seg {Css(verdict)}\" style=\"flex:{n}\" title=\"{n} {AssessView.Label(verdict)}\">{n}</span>");
            }
            s.Append($"</span><span class=\"count\">{practices.Count(p => p.Holds)} / {practices.Count} hold</span></div>");
        }
        s.Append("<p class=\"legend\">");
        foreach (var verdict in Order)
            s.Append($"<span class=\"seg {Css(verdict)}\">{AssessView.Label(verdict)}</span> ");
        s.Append("</p></div></section>\n");

        if (a.NextLevel is { } next)
        {
            s.Append($"<section><h2>Gap to Level {next}</h2><ol class=\"gap\">");
            foreach (var g in a.Gap)
                s.Append($"<li data-practice=\"{HtmlEncode(g.Practice)}\"><strong>{HtmlEncode(g.Practice)}</strong> <span class=\"badge {Css(g.Verdict)}\">{AssessView.Label(g.Verdict)}</span> <span class=\"muted\">needed at levels {string.Join(", ", g.Unblocks)}</span><br>{HtmlEncode(g.Why)}<br><code>{HtmlEncode(g.Command)}</code></li>");
            s.Append("</ol></section>\n");
        }

        foreach (var category in Enum.GetValues<PracticeCategory>())
        {
            s.Append($"<section><h2>{category}</h2><table><thead><tr><th>Practice</th><th>Level</th><th>Verdict</th><th>Why</th><th>Evidence</th></tr></thead><tbody>");
            foreach (var p in a.Practices.Where(p => p.PrimaryCategory() == category))
            {
                var verdict = Effective(p);
                s.Append($"<tr class=\"practice\" data-practice=\"{HtmlEncode(p.Practice)}\" data-verdict=\"{Css(verdict)}\"><td>{HtmlEncode(p.Practice)}</td><td>{p.FirstLevel}</td>");
                s.Append($"<td><span class=\"badge {Css(verdict)}\">{HtmlEncode(AssessView.Label(p))}</span></td><td>{HtmlEncode(p.Why)}</td><td>");
                if (p.Evidence.Count > 0)
                {
                    s.Append("<ul>");
                    foreach (var e in p.Evidence.Take(8))
                        s.Append($"<li>{HtmlEncode(e)}</li>");
                    if (p.Evidence.Count > 8)
                        s.Append($"<li class=\"muted\">… {p.Evidence.Count - 8} more</li>");
                    s.Append("</ul>");
                }
                s.Append("</td></tr>");
            }
            s.Append("</tbody></table></section>\n");
        }

        if (a.Unseen.Count + a.Problems.Count + a.Notes.Count > 0)
        {
            s.Append("<section><h2>What pmctl could not see</h2><ul class=\"notes\">");
            foreach (var u in a.Unseen)
                s.Append($"<li class=\"unseen\">{HtmlEncode(u.Kind)}: {HtmlEncode(u.Reason)}{(u.Practices.Count > 0 ? $" → unknown: {HtmlEncode(string.Join(", ", u.Practices))}" : "")}</li>");
            foreach (var p in a.Problems)
                s.Append($"<li class=\"problem\">{HtmlEncode(p.Where)}: {HtmlEncode(p.Message)}</li>");
            foreach (var n in a.Notes)
                s.Append($"<li class=\"muted\">{HtmlEncode(n)}</li>");
            s.Append("</ul></section>\n");
        }
        s.Append("</body></html>\n");
        return s.ToString();
    }

    /// <summary>What the page colours a practice as: a practice a met successor satisfies shows as met.</summary>
    private static Verdict Effective(PracticeAssessment p) => p.SatisfiedBy is not null ? Verdict.Met : p.Verdict;

    private static PracticeCategory PrimaryCategory(this PracticeAssessment p) => p.Categories[0];

    private static string Css(Verdict verdict) => verdict switch
    {
        Verdict.NotCheckable => "not-checkable",
        _ => verdict.ToString().ToLowerInvariant(),
    };

    private const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1200px;padding:24px;color:#1f2328;background:#fff}
        h1{margin:0 0 4px}h2{font-size:1.15em;margin:24px 0 8px}.source,.muted{color:#656d76}.summary{font-size:1.3em}
        .top{display:flex;gap:40px;flex-wrap:wrap}.ladder{flex:1 1 360px}.bars{flex:1 1 440px}
        .rung{display:flex;gap:12px;align-items:center;border:2px solid #d0d7de;border-radius:6px;padding:8px 12px;margin:6px 0}
        .rung .n{font-weight:700;font-size:1.4em;width:1.5em}.rung .name{flex:1}.rung .state{font-size:.9em}
        .rung.reached{background:#dafbe1;border-color:#1a7f37}.rung.blocked{background:#fff1f0;border-color:#cf222e}.rung.undetermined{background:#fff8c5;border-color:#9a6700}
        .bar{display:flex;align-items:center;gap:8px;margin:8px 0}.bar .label{width:90px}.bar .count{width:90px;font-size:.85em;color:#656d76}
        .track{flex:1;display:flex;height:22px;border-radius:4px;overflow:hidden;background:#eaeef2}
        .seg{display:inline-flex;align-items:center;justify-content:center;color:#fff;font-size:.8em;padding:0 6px}
        .met{background:#1a7f37}.partial{background:#bf8700}.missing{background:#cf222e}.unknown{background:#6e7781}.not-checkable{background:#8250df}
        .legend .seg{border-radius:3px;margin-right:4px}
        .badge{color:#fff;border-radius:10px;padding:1px 8px;font-size:.85em;white-space:nowrap}
        table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #d0d7de;padding:6px;text-align:left;vertical-align:top;font-size:.92em}
        td ul{margin:0;padding-left:16px}code{background:#f6f8fa;padding:1px 4px;border-radius:3px}.gap li{margin:8px 0}
        """;
}
