using System.Collections.Immutable;
using PlatformMaturity.GoldenPaths.Manifest;
using Scriban;

namespace PlatformMaturity.GoldenPaths;

/// <summary>A loaded golden path: its manifest and its parsed templates.</summary>
public sealed record GoldenPath(GoldenPathManifest Manifest, string Directory, ImmutableArray<TemplateFile> Templates)
{
    public string Name => Manifest.Name;
}

/// <summary>One .sbn file of a golden path: where it is, the output path it writes (may hold {name}), and its parsed form.</summary>
public sealed record TemplateFile(string SourcePath, string OutputPattern, Template Template)
{
    public const string Extension = ".sbn";

    /// <summary>Templates with this output name are rendered last, with the list of the other files beside them.</summary>
    public const string KustomizationFile = "kustomization.yaml";

    public bool IsKustomization => Path.GetFileName(OutputPattern) == KustomizationFile;

    /// <summary>Markdown templates (the app's PLATFORM.md) render last, with the gaps the other templates found.</summary>
    public bool IsDocument => OutputPattern.EndsWith(".md", StringComparison.Ordinal);
}
