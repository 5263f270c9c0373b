namespace PlatformMaturity.Rendering;

/// <summary>A file of a rendered tree: a path relative to the output folder ('/'-separated) and its text.</summary>
public sealed record RenderedFile(string Path, string Content);
