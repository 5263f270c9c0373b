using System.Collections.Immutable;

namespace PlatformMaturity.GoldenPaths.Rendering;

/// <summary>
/// The files of one rendered application, in output-path order, with the notes for the person who asked and the
/// gaps: practices in effect that the golden path would use but the platform does not provide.
/// </summary>
public sealed record RenderedApp(string Name, string GoldenPath, int Level, ImmutableArray<RenderedAppFile> Files, ImmutableArray<string> Notes,
    ImmutableArray<PracticeGap> Gaps);

/// <summary>One output file and the practices its template traced its objects to.</summary>
public sealed record RenderedAppFile(string Path, string Content, ImmutableArray<string> Practices);
