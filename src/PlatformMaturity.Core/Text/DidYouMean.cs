namespace PlatformMaturity.Text;

/// <summary>Suggests the known name closest to a misspelt one (edit distance), for "did you mean …?" hints.</summary>
public static class DidYouMean
{
    /// <summary>The candidate closest to <paramref name="input"/>, or null when none is within <paramref name="maxDistance"/> edits.</summary>
    public static string? Closest(string input, IEnumerable<string> candidates, int maxDistance = 3) =>
        candidates
            .Select(c => (Candidate: c, Distance: Distance(input, c)))
            .Where(x => x.Distance <= maxDistance)
            .OrderBy(x => x.Distance)
            .Select(x => x.Candidate)
            .FirstOrDefault();

    /// <summary>Levenshtein distance: insertions, deletions and substitutions.</summary>
    public static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}
