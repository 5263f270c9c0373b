namespace PlatformMaturity.GoldenPaths.Parameters;

/// <summary>The kinds of value a golden-path parameter can hold; each has one validation rule.</summary>
public enum ParameterType
{
    /// <summary>A DNS-1123 label (at most 63 characters).</summary>
    DnsLabel,

    /// <summary>Comma-separated DNS-1123 labels, each at most once (other apps of the namespace).</summary>
    DnsLabelList,

    /// <summary>A DNS-1123 subdomain (at most 253 characters).</summary>
    Hostname,

    /// <summary>A TCP port, 1 to 65535.</summary>
    Port,

    /// <summary>A whole number between the parameter's min and max.</summary>
    Integer,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>A CPU quantity: cores (1, 0.5) or millicores (250m).</summary>
    Cpu,

    /// <summary>A byte quantity: 128Mi, 1Gi, 500M.</summary>
    Memory,

    /// <summary>An image repository without tag: [registry[:port]/]path.</summary>
    ImageRepository,

    /// <summary>An image tag other than latest.</summary>
    ImageTag,

    /// <summary>One of the parameter's allowed values.</summary>
    Enum,

    /// <summary>A percentage above 0 and below 100 with at most three decimals (99.9).</summary>
    Percent,

    /// <summary>A five-field cron schedule (minute hour day-of-month month day-of-week).</summary>
    Cron,

    /// <summary>A Kubernetes label value (at most 63 characters).</summary>
    LabelValue,

    /// <summary>A GitHub repository as owner/name.</summary>
    GitHubRepository,

    /// <summary>One line of plain text without template or YAML syntax.</summary>
    Text,

    /// <summary>A UUID, e.g. a workload identity's client id.</summary>
    Uuid,

    /// <summary>An absolute path: an HTTP path such as /healthz or a mount path such as /var/lib/data.</summary>
    AbsolutePath,
}

/// <summary>The wire names of parameter types, as manifests spell them.</summary>
public static class ParameterTypeNames
{
    private static readonly IReadOnlyDictionary<ParameterType, string> Names = new Dictionary<ParameterType, string>
    {
        [ParameterType.DnsLabel] = "dns-label",
        [ParameterType.DnsLabelList] = "dns-label-list",
        [ParameterType.Hostname] = "hostname",
        [ParameterType.Port] = "port",
        [ParameterType.Integer] = "integer",
        [ParameterType.Boolean] = "boolean",
        [ParameterType.Cpu] = "cpu",
        [ParameterType.Memory] = "memory",
        [ParameterType.ImageRepository] = "image-repository",
        [ParameterType.ImageTag] = "image-tag",
        [ParameterType.Enum] = "enum",
        [ParameterType.Percent] = "percent",
        [ParameterType.Cron] = "cron",
        [ParameterType.LabelValue] = "label-value",
        [ParameterType.GitHubRepository] = "github-repository",
        [ParameterType.Text] = "text",
        [ParameterType.Uuid] = "uuid",
        [ParameterType.AbsolutePath] = "path",
    };

    public static IReadOnlyList<string> All { get; } = [.. Names.Values];

    public static string Of(ParameterType type) => Names[type];

    public static bool TryParse(string name, out ParameterType type)
    {
        foreach (var (candidate, wire) in Names)
        {
            if (wire == name)
            {
                type = candidate;
                return true;
            }
        }
        type = default;
        return false;
    }
}
