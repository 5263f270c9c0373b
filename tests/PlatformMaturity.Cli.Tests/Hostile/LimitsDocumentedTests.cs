using PlatformMaturity.Files;
using PlatformMaturity.Tests.Shared;

namespace PlatformMaturity.Cli.Tests.Hostile;

/// <summary>README's table of limits says what the code enforces.</summary>
public sealed class LimitsDocumentedTests
{
    [Fact]
    public void The_readme_lists_every_limit_with_its_value()
    {
        var readme = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "README.md"));
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        string[] rows =
        [
            $"| Stack file (`Pulumi.<stack>.yaml`) | {InputLimits.Size(InputLimits.StackFileBytes)} |",
            $"| Project file (`Pulumi.yaml`) | {InputLimits.Size(InputLimits.ProjectFileBytes)} |",
            $"| Golden path file (`template.yaml`, `practices.yaml`, `.sbn`) | {InputLimits.Size(InputLimits.TemplateFileBytes)} |",
            $"| Templates folder (`--template-dir`) | {InputLimits.TemplateFolderEntries.ToString("N0", inv)} files and folders, {InputLimits.Size(InputLimits.TemplateFolderBytes)} read in all |",
            $"| YAML nesting (mappings and sequences) | {InputLimits.YamlDepth} levels |",
            $"| YAML nodes after expanding aliases | {InputLimits.YamlExpandedNodes.ToString("N0", inv)} |",
            $"| One YAML value or `--set` value | {InputLimits.ValueChars.ToString("N0", inv)} characters |",
            $"| `stackConfigDir` in `Pulumi.yaml` | {InputLimits.PathChars.ToString("N0", inv)} characters, no control characters |",
            $"| A value quoted in a message | {InputLimits.EchoChars} characters",
            $"| Output of one rendered template | {InputLimits.RenderedFileChars.ToString("N0", inv)} characters |",
            $"| Rendering one template | {InputLimits.RenderTimeout.TotalSeconds} s,",
        ];
        Assert.All(rows, row => Assert.Contains(row, readme));
    }
}
