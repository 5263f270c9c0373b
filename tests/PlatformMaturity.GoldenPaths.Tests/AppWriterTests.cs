using PlatformMaturity.GoldenPaths.Output;
using PlatformMaturity.GoldenPaths.Rendering;
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
        Assert.Empty(Directory.EnumerateFiles(_dir.Path, "*.pmctl-tmp", SearchOption.AllDirectories));
        Assert.Empty(Directory.EnumerateFiles(_dir.Path, "*.pmctl-bak", SearchOption.AllDirectories));
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

    private static RenderedApp App(params (string Path, string Content)[] files) =>
        new("shop", "web-service", 3, [.. files.Select(f => new RenderedAppFile(f.Path, f.Content, []))], [], []);

    [Fact]
    public void The_record_lists_every_written_file_with_its_sha256()
    {
        var output = _dir.Combine("shop");
        var app = Render("web-service", 3);
        AppWriter.Write(app, output, force: false);
        var record = AppRecord.Read(output);
        Assert.Equal(app.Files.Select(f => f.Path).Order(StringComparer.Ordinal), record.Keys);
        foreach (var file in app.Files)
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(output, file.Path)))), record[file.Path]);
    }

    [Fact]
    public void Re_rendering_at_a_higher_level_with_force_removes_the_files_it_wrote_before_and_no_longer_produces()
    {
        var output = _dir.Combine("shop");
        AppWriter.Write(Render("web-service", 3), output, force: false);
        Assert.True(File.Exists(Path.Combine(output, "deployment.yaml")));
        // Files the user added, even where a golden path could write, are never removed.
        File.WriteAllText(Path.Combine(output, "notes.yaml"), "mine\n");
        File.WriteAllText(Path.Combine(output, "rollout-extra.yaml"), "mine\n");

        var level5 = Render("web-service", 5); // every Level 5 practice taken as implemented: canary by default, KEDA scaling
        var written = AppWriter.Write(level5, output, force: true);

        Assert.Contains(written, w => w is { Path: "deployment.yaml", Outcome: WriteOutcome.Removed, EditedSince: false });
        Assert.Contains(written, w => w is { Path: "hpa.yaml", Outcome: WriteOutcome.Removed });
        Assert.Contains(written, w => w is { Path: "rollout.yaml", Outcome: WriteOutcome.Created });
        Assert.False(File.Exists(Path.Combine(output, "deployment.yaml")));
        Assert.False(File.Exists(Path.Combine(output, "hpa.yaml")));
        Assert.Equal("mine\n", File.ReadAllText(Path.Combine(output, "notes.yaml")));
        Assert.Equal("mine\n", File.ReadAllText(Path.Combine(output, "rollout-extra.yaml")));
        Assert.Equal(level5.Files.Select(f => f.Path).Order(StringComparer.Ordinal), AppRecord.Read(output).Keys);
        Assert.Empty(Directory.EnumerateFiles(output, "*.pmctl-bak", SearchOption.AllDirectories));
    }

    [Fact]
    public void Without_force_old_files_are_kept_reported_and_still_recorded()
    {
        var output = _dir.Combine("shop");
        AppWriter.Write(App(("a.yaml", "a: 1\n"), ("old.yaml", "old: 1\n")), output, force: false);
        var written = AppWriter.Write(App(("a.yaml", "a: 1\n"), ("b.yaml", "b: 1\n")), output, force: false);

        Assert.Equal(["a.yaml", "b.yaml", "old.yaml"], written.Select(w => w.Path));
        Assert.Equal(WriteOutcome.Kept, written.Single(w => w.Path == "old.yaml").Outcome);
        Assert.True(File.Exists(Path.Combine(output, "old.yaml")));
        Assert.Equal(["a.yaml", "b.yaml", "old.yaml"], AppRecord.Read(output).Keys);

        // A later --force still knows old.yaml was pmctl's, and removes it.
        var forced = AppWriter.Write(App(("a.yaml", "a: 1\n"), ("b.yaml", "b: 1\n")), output, force: true);
        Assert.Equal(WriteOutcome.Removed, forced.Single(w => w.Path == "old.yaml").Outcome);
        Assert.False(File.Exists(Path.Combine(output, "old.yaml")));
    }

    [Fact]
    public void An_old_file_edited_since_is_removed_with_force_and_said_to_have_been_edited_and_emptied_folders_go()
    {
        var output = _dir.Combine("shop");
        AppWriter.Write(App(("a.yaml", "a: 1\n"), ("gitops/app.yaml", "x: 1\n")), output, force: false);
        File.WriteAllText(Path.Combine(output, "gitops", "app.yaml"), "x: 2\n");

        var written = AppWriter.Write(App(("a.yaml", "a: 1\n")), output, force: true);
        Assert.Contains(written, w => w is { Path: "gitops/app.yaml", Outcome: WriteOutcome.Removed, EditedSince: true });
        Assert.False(Directory.Exists(Path.Combine(output, "gitops")));
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000  ../outside.yaml", "'../outside.yaml' has a '..' segment")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000  /etc/passwd", "'/etc/passwd' is an absolute path")]
    [InlineData("not a record line", "line 1 is not '<sha256>  <path>'")]
    public void A_record_that_pmctl_did_not_write_is_refused_and_nothing_changes(string line, string expected)
    {
        var output = _dir.Combine("shop");
        Directory.CreateDirectory(output);
        File.WriteAllText(_dir.Combine("outside.yaml"), "keep\n");
        File.WriteAllText(Path.Combine(output, AppRecord.FileName), line + "\n");
        var before = _dir.Snapshot();

        var e = Assert.Throws<GoldenPathInputException>(() => AppWriter.Write(App(("a.yaml", "a: 1\n")), output, force: true));
        Assert.Equal("--out", e.Problems.Single().Subject);
        Assert.Contains(expected, e.Problems.Single().Message, StringComparison.Ordinal);
        Assert.Contains("it is not a record pmctl app new wrote", e.Problems.Single().Message, StringComparison.Ordinal);
        Assert.Equal(before, _dir.Snapshot());
    }

    [Fact]
    public void A_failed_write_puts_back_the_old_files_it_was_going_to_remove()
    {
        var output = _dir.Combine("shop");
        AppWriter.Write(App(("a.yaml", "a: 1\n"), ("old.yaml", "old: 1\n")), output, force: false);
        // A file where the new render needs a folder: staging fails before anything moves.
        File.WriteAllText(Path.Combine(output, "gitops"), "in the way\n");
        var before = _dir.Snapshot();

        Assert.ThrowsAny<IOException>(() => AppWriter.Write(App(("a.yaml", "a: 2\n"), ("gitops/app.yaml", "x: 1\n")), output, force: true));
        Assert.Equal(before, _dir.Snapshot());
    }
}
