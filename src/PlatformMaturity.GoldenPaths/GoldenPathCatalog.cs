using System.Collections.Immutable;
using PlatformMaturity.GoldenPaths.Manifest;
using PlatformMaturity.Files;
using PlatformMaturity.Model;
using Scriban;
using Scriban.Runtime;

namespace PlatformMaturity.GoldenPaths;

/// <summary>
/// The golden paths of a templates folder: one sub-folder per golden path (template.yaml plus .sbn files) and
/// <c>_shared/</c> for partials they include. Everything is parsed and checked when loaded, so a broken
/// template is reported before anything is rendered.
/// </summary>
public sealed class GoldenPathCatalog
{
    /// <summary>The folder of partials that golden paths include as <c>_shared/&lt;file&gt;.sbn</c>.</summary>
    public const string SharedFolder = "_shared";

    /// <summary>
    /// In <see cref="SharedFolder"/>: what golden paths give an app for each practice, one line per practice. When the
    /// platform does not provide a practice a golden path uses, <c>pmctl app new</c> says the app does not get it.
    /// </summary>
    public const string PracticesFile = "practices.yaml";

    private const long MaxTemplateBytes = InputLimits.TemplateFileBytes;

    private GoldenPathCatalog(string directory, ImmutableArray<GoldenPath> goldenPaths, ImmutableSortedDictionary<string, Template> partials,
        ImmutableSortedDictionary<string, string> whatAppsGet)
    {
        Directory = directory;
        GoldenPaths = goldenPaths;
        Partials = partials;
        WhatAppsGet = whatAppsGet;
    }

    public string Directory { get; }

    /// <summary>Golden paths ordered by minimum level, then name.</summary>
    public ImmutableArray<GoldenPath> GoldenPaths { get; }

    /// <summary>Parsed partials by include name: <c>_shared/labels.sbn</c>, and a golden path's own <c>web-service/_workload.sbn</c>.</summary>
    public ImmutableSortedDictionary<string, Template> Partials { get; }

    /// <summary>Practice name → what golden paths give an app for it (from <c>_shared/practices.yaml</c>; empty when the folder has none).</summary>
    public ImmutableSortedDictionary<string, string> WhatAppsGet { get; }

    public GoldenPath? Find(string name) => GoldenPaths.FirstOrDefault(g => g.Name == name);

    /// <summary>
    /// Scriban's built-in functions (string, array, math...), created once per catalog and shared by every
    /// render: building them is most of the cost of a new template context. Templates cannot change them
    /// (Scriban makes them read-only).
    /// </summary>
    internal ScriptObject Builtins { get; } = TemplateContext.GetDefaultBuiltinObject();

    /// <summary>Loads and checks every golden path; throws <see cref="TemplateDefinitionException"/> with every problem found.</summary>
    public static GoldenPathCatalog Load(string directory, MaturityModel? model = null)
    {
        model ??= MaturityModel.Default;
        var root = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(root))
            throw new TemplateDefinitionException($"{directory}: the templates folder does not exist");

        var problems = new List<string>();
        var budget = new FolderBudget(directory);
        var partials = ImmutableSortedDictionary.CreateBuilder<string, Template>(StringComparer.Ordinal);
        var shared = Path.Combine(root, SharedFolder);
        var whatAppsGet = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
        if (System.IO.Directory.Exists(shared))
        {
            foreach (var file in SafeFiles(shared, root, problems, budget))
            {
                if (Parse(file, root, problems, budget) is { } template)
                    partials[Relative(root, file)] = template;
            }
            if (UnixFile.Stat(Path.Combine(shared, PracticesFile)) is { Kind: FileKind.Regular } practices)
                budget.Read(practices.Size);
            whatAppsGet = PracticeDescriptions.Load(Path.Combine(shared, PracticesFile), root, model, problems);
        }

        var goldenPaths = new List<GoldenPath>();
        foreach (var folder in System.IO.Directory.EnumerateDirectories(root).Select(budget.Entry).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(folder);
            if (name.StartsWith('_') || name.StartsWith('.'))
                continue;
            if (new DirectoryInfo(folder).LinkTarget is not null)
            {
                problems.Add($"{Relative(root, folder)}: is a symbolic link; golden paths must be real folders inside the templates folder");
                continue;
            }
            if (LoadOne(folder, root, model, problems, partials, budget) is { } goldenPath)
                goldenPaths.Add(goldenPath);
        }

        if (goldenPaths.Count == 0 && problems.Count == 0)
            problems.Add($"{directory}: has no golden paths (expected folders with a {GoldenPathManifest.FileName})");
        if (problems.Count > 0)
            throw new TemplateDefinitionException(problems);

        return new GoldenPathCatalog(
            root,
            [.. goldenPaths.OrderBy(g => g.Manifest.MinimumLevel).ThenBy(g => g.Name, StringComparer.Ordinal)],
            partials.ToImmutable(),
            whatAppsGet);
    }

    private static GoldenPath? LoadOne(string folder, string root, MaturityModel model, List<string> problems,
        ImmutableSortedDictionary<string, Template>.Builder partials, FolderBudget budget)
    {
        var manifestPath = Path.Combine(folder, GoldenPathManifest.FileName);
        var origin = Relative(root, manifestPath);
        if (UnixFile.LinkStat(manifestPath).Kind == FileKind.Missing)
        {
            problems.Add($"{Relative(root, folder)}: has no {GoldenPathManifest.FileName} (every golden path declares its name, minimum level and parameters there)");
            return null;
        }

        GoldenPathManifest manifest;
        try
        {
            var text = InputFile.ReadText(manifestPath, origin, "golden path manifest", InputLimits.TemplateFileBytes);
            budget.Read(text.Length);
            manifest = ManifestLoader.Parse(text, origin, model);
        }
        catch (InputException e)
        {
            problems.Add(e.Message);
            return null;
        }
        catch (TemplateDefinitionException e)
        {
            problems.AddRange(e.Problems);
            return null;
        }
        var count = problems.Count;
        if (manifest.Name != Path.GetFileName(folder))
            problems.Add($"{origin}: name '{manifest.Name}' must match its folder '{Path.GetFileName(folder)}'");

        var templates = new List<TemplateFile>();
        foreach (var file in SafeFiles(folder, root, problems, budget))
        {
            if (Parse(file, root, problems, budget) is not { } template)
                continue;
            var source = Path.GetRelativePath(folder, file).Replace('\\', '/');
            // Files named _*.sbn are the golden path's own partials (e.g. _workload.sbn), included as <name>/<file>.
            if (Path.GetFileName(source).StartsWith('_'))
            {
                partials[$"{manifest.Name}/{source}"] = template;
                continue;
            }
            var output = manifest.Outputs.GetValueOrDefault(source) ?? source[..^TemplateFile.Extension.Length];
            templates.Add(new TemplateFile(source, output, template));
        }
        foreach (var mapped in manifest.Outputs.Keys.Where(k => templates.All(t => t.SourcePath != k)))
            problems.Add($"{origin}: outputs names '{mapped}', which is not a template of this golden path");
        if (templates.Count == 0)
            problems.Add($"{Relative(root, folder)}: has no {TemplateFile.Extension} templates");

        return problems.Count > count ? null : new GoldenPath(manifest, folder, [.. templates]);
    }

    /// <summary>The .sbn files under a folder, refusing symbolic links (a template must not read from outside the templates folder).</summary>
    private static IEnumerable<string> SafeFiles(string folder, string root, List<string> problems, FolderBudget budget)
    {
        var files = new List<string>();
        // Counted while enumerating (Order buffers everything), so a folder of millions of files stops at the limit.
        foreach (var entry in System.IO.Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).Select(budget.Entry).Order(StringComparer.Ordinal))
        {
            FileSystemInfo info = System.IO.Directory.Exists(entry) ? new DirectoryInfo(entry) : new FileInfo(entry);
            if (info.LinkTarget is not null)
            {
                problems.Add($"{Relative(root, entry)}: is a symbolic link; templates must be real files inside the templates folder");
                continue;
            }
            if (info is FileInfo file && file.Name.EndsWith(TemplateFile.Extension, StringComparison.Ordinal))
            {
                if (file.Length > MaxTemplateBytes)
                    problems.Add($"{Relative(root, entry)}: is larger than {MaxTemplateBytes / 1024} KiB");
                else
                    files.Add(entry);
            }
        }
        return files;
    }

    private static Template? Parse(string file, string root, List<string> problems, FolderBudget budget)
    {
        var origin = Relative(root, file);
        string text;
        try
        {
            text = InputFile.ReadText(file, origin, "template", MaxTemplateBytes);
            budget.Read(text.Length);
        }
        catch (InputException e)
        {
            problems.Add(e.Message);
            return null;
        }
        var template = Template.Parse(text, origin);
        if (!template.HasErrors)
            return template;
        problems.AddRange(template.Messages.Select(m => m.ToString()));
        return null;
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    /// <summary>
    /// What one load may take from a templates folder: <see cref="InputLimits.TemplateFolderEntries"/> files and folders,
    /// <see cref="InputLimits.TemplateFolderBytes"/> read. Each file has its own limit; this stops a folder of a million
    /// small files (or thousands of large ones) from costing minutes and gigabytes before any check speaks.
    /// </summary>
    private sealed class FolderBudget(string display)
    {
        private long _entries;
        private long _bytes;

        public string Entry(string path)
        {
            if (++_entries > InputLimits.TemplateFolderEntries)
                throw new TemplateDefinitionException($"{display}: holds more than {InputLimits.TemplateFolderEntries.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} files and folders, the limit for a templates folder; is this the right --template-dir?");
            return path;
        }

        public void Read(long bytes)
        {
            _bytes += bytes;
            if (_bytes > InputLimits.TemplateFolderBytes)
                throw new TemplateDefinitionException($"{display}: its golden paths add up to more than {InputLimits.Size(InputLimits.TemplateFolderBytes)}, the limit for a templates folder; is this the right --template-dir?");
        }
    }
}
