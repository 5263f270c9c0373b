using System.Diagnostics;
using PlatformMaturity.Tests.Shared;

namespace PlatformMaturity.Cli.Tests;

/// <summary>`pmctl assess`: the formats carry the verdicts, Secrets are never echoed, usage and partial input are clear.</summary>
public sealed class AssessCommandTests
{
    private static string Sample(string name) => Path.Combine(TestPaths.TestData, "assess", name);

    /// <summary>Secret values and payloads the samples hold (base64 and plain, in data and in a last-applied annotation).</summary>
    private static readonly string[] SecretValues =
    [
        "c3VwZXJzZWNyZXQtZGItcGFzc3dvcmQ=", "supersecret-db-password", "SDRzSUFBQUFBQUFBL3NlY3JldC1yZWxlYXNlLXBheWxvYWQ=",
        "MDEyMzQ1Njc4OWFiY2RlZg==", "eyJiZWFyZXJUb2tlbiI6InNlY3JldCJ9",
    ];

    [Theory]
    [InlineData("level2-cluster.yaml", "text")]
    [InlineData("level2-cluster.yaml", "json")]
    [InlineData("level2-cluster.yaml", "markdown")]
    [InlineData("level2-cluster.yaml", "html")]
    [InlineData("level4-cluster", "json")]
    [InlineData("level4-cluster", "html")]
    public void No_secret_value_is_ever_echoed(string sample, string format)
    {
        var (before, _) = (File.Exists(Sample(sample)) ? File.ReadAllText(Sample(sample)) : string.Join("", Directory.EnumerateFiles(Sample(sample)).Select(File.ReadAllText)), 0);
        Assert.Contains(SecretValues, before.Contains);
        var result = CliRunner.Run(TestPaths.RepositoryRoot, "assess", "--snapshot", Sample(sample), "--output", format);
        Assert.Equal(0, result.ExitCode);
        foreach (var value in SecretValues)
            Assert.DoesNotContain(value, result.Out + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_carries_the_level_the_verdicts_and_the_gap()
    {
        var result = CliRunner.Run(TestPaths.RepositoryRoot, "assess", "--snapshot", Sample("level4-cluster"), "--output", "json");
        Assert.Equal(0, result.ExitCode);
        var json = result.Json;
        Assert.Equal(3, json["level"]!.GetValue<int>());
        Assert.Equal(4, json["levelUpTo"]!.GetValue<int>());
        Assert.Equal("unknown", json["practices"]!.AsArray().Single(p => p!["practice"]!.GetValue<string>() == "All traffic encrypted")!["verdict"]!.GetValue<string>());
        Assert.Equal(4, json["nextLevel"]!.GetValue<int>());
        Assert.NotEmpty(json["gap"]!.AsArray());
    }

    [Theory]
    [InlineData]
    [InlineData("--snapshot", "x", "--kubeconfig", "y")]
    [InlineData("--snapshot", "x", "--context", "c")]
    public void Needs_exactly_one_source(params string[] args)
    {
        var result = CliRunner.Run(TestPaths.RepositoryRoot, ["assess", .. args]);
        Assert.Equal(2, result.ExitCode);
    }

    [Theory]
    [InlineData("{not: [valid", "line 1")]
    [InlineData("apiVersion: v1\nkind: List\nitems: []\n", "it holds no object")]
    public void A_snapshot_with_no_readable_object_is_refused_not_judged(string content, string why)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("dump.yaml"), content);
        var result = CliRunner.Run(dir.Path, "assess", "--snapshot", "dump.yaml");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("dump.yaml: no Kubernetes object could be read", result.Error, StringComparison.Ordinal);
        Assert.Contains(why, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("below Level 1", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Partial_input_still_assesses_and_warns_with_file_and_line()
    {
        using var dir = new TempDirectory();
        File.Copy(Sample("level2-cluster.yaml"), dir.Combine("a.yaml"));
        File.WriteAllText(dir.Combine("b.json"), "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"x\"}},\n{\"apiVersion\":");
        var result = CliRunner.Run(dir.Path, "assess", "--snapshot", ".");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Level reached: Level 2 - Operational Foundation", result.Out, StringComparison.Ordinal);
        Assert.Contains($"warning: {Path.Combine(".", "b.json")}: line 2, column", result.Error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void The_html_page_renders_the_verdicts_in_headless_chromium()
    {
        var chromium = new[] { "chromium", "chromium-browser" }
            .Select(n => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, n)).FirstOrDefault(File.Exists))
            .FirstOrDefault(p => p is not null);
        Skip.If(chromium is null, "Debian's chromium is not installed (.ci/run installs it): apt-get install -y chromium");

        var result = CliRunner.Run(TestPaths.RepositoryRoot, "assess", "--snapshot", Sample("level4-cluster"), "--output", "html");
        Assert.Equal(0, result.ExitCode);
        // Self-contained: no attribute loads anything, and the page forbids fetches.
        Assert.DoesNotContain(" src=", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(" href=", result.Out, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", result.Out, StringComparison.Ordinal);

        using var dir = new TempDirectory();
        var page = dir.Combine("assessment.html");
        File.WriteAllText(page, result.Out);
        var screenshot = Path.Combine(Path.GetTempPath(), "pmctl-assess-level4.png");
        File.Delete(screenshot);
        Run(chromium!, dir, $"--screenshot={screenshot}", "--window-size=1280,2400", new Uri(page).AbsoluteUri);
        var png = File.ReadAllBytes(screenshot);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
        Assert.True(png.Length > 20_000, $"the screenshot {screenshot} is {png.Length} bytes: a blank page?");

        // The DOM Chromium built (not the text pmctl wrote): every practice row with its verdict, the ladder, the level.
        var dom = Run(chromium!, dir, "--dump-dom", new Uri(page).AbsoluteUri);
        var json = CliRunner.Run(TestPaths.RepositoryRoot, "assess", "--snapshot", Sample("level4-cluster"), "--output", "json").Json;
        foreach (var practice in json["practices"]!.AsArray())
            Assert.Contains($"data-practice=\"{System.Net.WebUtility.HtmlEncode(practice!["practice"]!.GetValue<string>())}\"", dom, StringComparison.Ordinal);
        Assert.Contains("data-verdict=\"unknown\"", dom, StringComparison.Ordinal);
        Assert.Contains("data-verdict=\"met\"", dom, StringComparison.Ordinal);
        Assert.Equal(5, dom.Split("class=\"rung ").Length - 1);
        Assert.Contains("at least Level 3, up to Level 4", dom, StringComparison.Ordinal);
    }

    private static string Run(string chromium, TempDirectory dir, params string[] args)
    {
        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dir.Path,
        };
        foreach (var arg in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", $"--user-data-dir={dir.Combine("profile")}" }.Concat(args))
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(90)), "chromium did not finish in 90 s");
        Assert.True(process.ExitCode == 0, $"chromium exited {process.ExitCode}: {error.Result}");
        return output.Result;
    }
}
