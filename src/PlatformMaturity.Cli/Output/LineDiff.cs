namespace PlatformMaturity.Cli.Output;

/// <summary>The lines two texts differ in, as "-N old" / "+N new" (N: the line number in the old or the new text), from their longest common subsequence.</summary>
internal static class LineDiff
{
    public static IEnumerable<string> Of(string before, string after)
    {
        var a = before.Split('\n');
        var b = after.Split('\n');
        // Common subsequence lengths from the end; the files promote edits are small (kustomizations), so O(n·m) is fine.
        var common = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
        }
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                x++;
                y++;
            }
            else if (x < a.Length && (y == b.Length || common[x + 1, y] >= common[x, y + 1]))
            {
                yield return $"-{x + 1,-4} {a[x]}";
                x++;
            }
            else
            {
                yield return $"+{y + 1,-4} {b[y]}";
                y++;
            }
        }
    }
}
