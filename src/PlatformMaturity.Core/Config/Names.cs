using System.Text.RegularExpressions;

namespace PlatformMaturity.Config;

/// <summary>Rules for the names users give: stacks, platforms, tenants.</summary>
public static partial class Names
{
    public const int MaxStackLength = 30;

    /// <summary>Names reserved by Kubernetes or by the platform's own components.</summary>
    public static readonly IReadOnlySet<string> ReservedNamespaces = new HashSet<string>(StringComparer.Ordinal)
    {
        "default", "kube-system", "kube-public", "kube-node-lease",
    };

    /// <summary>Whether a name is a DNS-1123 label of at most <paramref name="maxLength"/> characters.</summary>
    public static bool IsDnsLabel(string name, int maxLength = 63) =>
        name.Length <= maxLength && DnsLabel().IsMatch(name);

    /// <summary>Null when the stack name is usable, else why not.</summary>
    public static string? StackNameProblem(string stack)
    {
        if (IsDnsLabel(stack, MaxStackLength))
            return null;
        var shown = Text.Redaction.Echo(stack.Length > 40 ? stack[..40] + "…" : stack);
        return $"stack name '{shown}' is not valid: use 1 to {MaxStackLength} lowercase letters, digits and hyphens, " +
               "starting and ending with a letter or digit (it names the file Pulumi.<stack>.yaml and the platform's resources)";
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabel();
}
