namespace PlatformMaturity.Files;

/// <summary>
/// Every limit pmctl puts on what it reads, defined once (README "Limits" lists them). They are far above
/// anything a real stack, project file or golden path needs, and low enough that hostile input (an alias
/// bomb, 20,000 levels of nesting, a 1 GB value, /dev/zero) is refused in milliseconds and a few MB.
/// </summary>
public static class InputLimits
{
    /// <summary>A stack file (Pulumi.&lt;stack&gt;.yaml).</summary>
    public const long StackFileBytes = 1024 * 1024;

    /// <summary>
    /// The marker of a render folder: a line per file the render wrote (a Level 5 stack of 3 clusters and 200 tenants
    /// writes about 16,000 files, 1.3 MiB of paths).
    /// </summary>
    public const long RenderMarkerBytes = 32 * 1024 * 1024;

    /// <summary>The project file (Pulumi.yaml).</summary>
    public const long ProjectFileBytes = 256 * 1024;

    /// <summary>A golden path's template.yaml, descriptions file or .sbn template.</summary>
    public const long TemplateFileBytes = 256 * 1024;

    /// <summary>Nesting of YAML mappings and sequences (a stack file needs 3 or 4).</summary>
    public const int YamlDepth = 64;

    /// <summary>YAML nodes after expanding every alias: stops "billion laughs" alias bombs.</summary>
    public const long YamlExpandedNodes = 100_000;

    /// <summary>One YAML scalar or one --set value, in characters.</summary>
    public const int ValueChars = 64 * 1024;

    /// <summary>Files and folders in one templates folder (--template-dir); the shipped golden paths hold about 200.</summary>
    public const int TemplateFolderEntries = 2_000;

    /// <summary>Bytes pmctl reads from one templates folder in all; the shipped golden paths hold about 230 KiB.</summary>
    public const long TemplateFolderBytes = 16 * 1024 * 1024;

    /// <summary>Characters in a folder name read from a file (stackConfigDir); Linux's PATH_MAX.</summary>
    public const int PathChars = 4096;

    /// <summary>What a message quotes of a value the user gave; the rest is cut with a note of the length.</summary>
    public const int EchoChars = 200;

    /// <summary>Output of one rendered template.</summary>
    public const int RenderedFileChars = 1024 * 1024;

    /// <summary>Wall-clock time for rendering one template.</summary>
    public static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// One file of a cluster snapshot (pmctl assess --snapshot): a 50,000-object cluster dumps to a few hundred MB
    /// of JSON; the file is read whole, so this also bounds the memory the read takes.
    /// </summary>
    public const long SnapshotFileBytes = 1024L * 1024 * 1024;

    /// <summary>Nesting in a snapshot: CRDs' OpenAPI schemas nest far deeper than a stack file.</summary>
    public const int SnapshotYamlDepth = 256;

    /// <summary>YAML nodes of one snapshot file after expanding aliases (kubectl writes none; a 1 GiB file has fewer).</summary>
    public const long SnapshotYamlNodes = 200_000_000;

    /// <summary>One scalar of a snapshot: a ConfigMap value may reach etcd's 1.5 MiB object limit.</summary>
    public const int SnapshotValueChars = 4 * 1024 * 1024;

    /// <summary>The size in people's units: 1 MiB, 256 KiB, 12 bytes.</summary>
    public static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => $"{bytes / (1024 * 1024)} MiB",
        >= 1024 * 1024 => (bytes / (1024.0 * 1024)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " MiB",
        >= 1024 => $"{bytes / 1024} KiB",
        _ => $"{bytes} bytes",
    };
}
