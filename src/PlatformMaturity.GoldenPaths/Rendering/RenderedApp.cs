using System.Collections.Immutable;

namespace PlatformMaturity.GoldenPaths.Rendering;

/// <summary>The files of one rendered application, in output-path order, with the notes for the person who asked.</summary>
public sealed record RenderedApp(string Name, string GoldenPath, int Level, ImmutableArray<RenderedAppFile> Files, ImmutableArray<string> Notes);

/// <summary>One output file and the practices its template traced its objects to.</summary>
public sealed record RenderedAppFile(string Path, string Content, ImmutableArray<string> Practices);
