namespace PlatformMaturity.Text;

/// <summary>"1 resource", "2 resources": counts with the right noun form in messages.</summary>
public static class Counted
{
    public static string Of(int count, string singular, string? plural = null) =>
        $"{count} {(count == 1 ? singular : plural ?? singular + "s")}";
}
