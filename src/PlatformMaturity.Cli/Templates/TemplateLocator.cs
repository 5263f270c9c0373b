using System.CommandLine;
using PlatformMaturity.GoldenPaths;

namespace PlatformMaturity.Cli.Templates;

/// <summary>
/// Finds the golden paths: --template-dir, else templates/ beside the nearest Pulumi.yaml (a platform
/// team's own), else the templates shipped with pmctl. Errors become <see cref="UserError"/>s.
/// </summary>
public static class TemplateLocator
{
    public const string FolderName = "templates";

    public static Option<string?> Option() => new("--template-dir")
    {
        Description = "Folder of golden paths (default: templates/ beside the nearest Pulumi.yaml, else the ones shipped with pmctl)",
        HelpName = "dir",
    };

    public static string TemplatesDirectory(CliIO io, string? option)
    {
        if (option is not null)
            return io.FullPath(option);
        for (var dir = new DirectoryInfo(io.WorkingDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, FolderName);
            if (File.Exists(Path.Combine(dir.FullName, "Pulumi.yaml")) && Directory.Exists(candidate))
                return candidate;
        }
        return Shipped;
    }

    /// <summary>The golden paths shipped with pmctl.</summary>
    public static string Shipped => Path.Combine(AppContext.BaseDirectory, FolderName);

    /// <summary>Loads the golden paths; <paramref name="writes"/> adds that nothing was written to a failure.</summary>
    public static GoldenPathCatalog Load(CliIO io, string? option, bool writes = false)
    {
        var directory = TemplatesDirectory(io, option);
        try
        {
            return GoldenPathCatalog.Load(directory);
        }
        catch (TemplateDefinitionException e)
        {
            throw Broken(io, directory, e, writes);
        }
    }

    public static UserError Broken(CliIO io, string directory, TemplateDefinitionException e, bool writes = true) =>
        new($"the golden paths in {Stacks.StackLocator.Relative(io, directory)} are broken ({e.Problems.Count} problem{(e.Problems.Count == 1 ? "" : "s")}):\n" +
            string.Join("\n", e.Problems.Select(p => $"  - {p}")) + (writes ? "\nNothing was written." : ""));

    public static UserError Invalid(GoldenPathInputException e) =>
        e.Problems.Count == 1
            ? new UserError($"{e.Problems[0]}\nNothing was written.")
            : new UserError($"{e.Problems.Count} problems with the input:\n" + string.Join("\n", e.Problems.Select(p => $"  - {p}")) + "\nNothing was written.");
}
