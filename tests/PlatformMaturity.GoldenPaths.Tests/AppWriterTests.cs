using PlatformMaturity.GoldenPaths.Output;
using PlatformMaturity.Tests.Shared;
using static PlatformMaturity.GoldenPaths.Tests.TestPlatforms;

namespace PlatformMaturity.GoldenPaths.Tests;

/// <summary>Writing is all or nothing, never overwrites without --force, and never writes through links.</summary>
public sealed class AppWriterTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_new_folder_gets_every_file()
    {
        var app = Render("web-service", 4);
        var written = AppWriter.Write(app, _dir.Combine("shop"), force: false);
        Assert.All(written, w => Assert.Equal(WriteOutcome.Created, w.Outcome));
        Assert.Equal(app.Files.Select(f => f.Path), written.Select(w => w.Path));
        foreach (var file in app.Files)
            Assert.Equal(file.Content, File.ReadAllText(_dir.Combine("shop", file.Path)));
        Assert.Empty(Directory.EnumerateFiles(_dir.Path, "*.pmctl-*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Existing_files_with_other_content_are_not_overwritten_without_force_and_nothing_is_written()
    {
        var output = _dir.Combine("shop");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "service.yaml"), "mine\n");
        File.WriteAllText(Path.Combine(output, "notes.txt"), "keep\n");
        var before = _dir.Snapshot();

        var e = Assert.Throws<GoldenPathInputException>(() => AppWriter.Write(Render("web-service", 3), output, force: false));
        Assert.Contains("1 file already exists with other content: service.yaml; nothing was written. Pass --force", e.Problems.Single().Message, StringComparison.Ordinal);
        Assert.Equal(before, _dir.Snapshot());
    }

    [Fact]
    public void Force_overwrites_and_a_second_identical_render_changes_nothing()
    {
        var output = _dir.Combine("shop");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "service.yaml"), "mine\n");

        var first = AppWriter.Write(Render("web-service", 3), output, force: true);
        Assert.Equal(WriteOutcome.Overwritten, first.Single(w => w.Path == "service.yaml").Outcome);

        var again = AppWriter.Write(Render("web-service", 3), output, force: false);
        Assert.All(again, w => Assert.Equal(WriteOutcome.Unchanged, w.Outcome));
    }

    [Fact]
    public void Rendering_again_at_a_higher_level_needs_force_and_adds_what_the_level_needs()
    {
        var output = _dir.Combine("shop");
        AppWriter.Write(Render("web-service", 2), output, force: false);
        Assert.Throws<GoldenPathInputException>(() => AppWriter.Write(Render("web-service", 3), output, force: false));
        var written = AppWriter.Write(Render("web-service", 3), output, force: true);
        Assert.Contains(written, w => w is { Path: "hpa.yaml", Outcome: WriteOutcome.Created });
        Assert.Contains(written, w => w is { Path: "deployment.yaml", Outcome: WriteOutcome.Overwritten });
    }

    [Fact]
    public void A_failure_part_way_leaves_every_file_as_it_was()
    {
        var output = _dir.Combine("shop");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "service.yaml"), "mine\n");
        // A file where the golden path needs the gitops/ folder: creating it fails after other files were staged.
        File.WriteAllText(Path.Combine(output, "gitops"), "in the way\n");
        var before = _dir.Snapshot();

        Assert.ThrowsAny<IOException>(() => AppWriter.Write(Render("web-service", 4), output, force: true));
        Assert.Equal(before, _dir.Snapshot());
        Assert.False(Directory.Exists(Path.Combine(output, ".github")));
    }

    [Fact]
    public void Symbolic_links_inside_the_output_folder_are_not_written_through()
    {
        var output = _dir.Combine("shop");
        var elsewhere = _dir.Combine("elsewhere");
        Directory.CreateDirectory(output);
        Directory.CreateDirectory(elsewhere);
        Directory.CreateSymbolicLink(Path.Combine(output, ".github"), elsewhere);
        var before = _dir.Snapshot();

        var e = Assert.Throws<GoldenPathInputException>(() => AppWriter.Write(Render("web-service", 3), output, force: true));
        Assert.Contains(".github is a symbolic link", e.Problems.Single().Message, StringComparison.Ordinal);
        Assert.Equal(before, _dir.Snapshot());
        Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));
    }

    [Fact]
    public void An_output_that_is_a_file_is_refused()
    {
        File.WriteAllText(_dir.Combine("shop"), "x");
        var e = Assert.Throws<GoldenPathInputException>(() => AppWriter.Write(Render("web-service", 1), _dir.Combine("shop"), force: true));
        Assert.Equal("--out", e.Problems.Single().Subject);
    }
}
