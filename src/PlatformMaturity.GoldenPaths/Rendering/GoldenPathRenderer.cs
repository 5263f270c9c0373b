using System.Collections.Immutable;
using System.Text;
using PlatformMaturity.Graph;
using PlatformMaturity.Files;
using PlatformMaturity.GoldenPaths.Output;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace PlatformMaturity.GoldenPaths.Rendering;

/// <summary>
/// Renders a validated app through its golden path's templates, in memory, for the practices the platform provides.
/// Output names are checked to stay inside the output folder; templates whose output is blank emit no file;
/// <c>kustomization.yaml</c> templates render after the others and see the YAML files beside them as
/// <c>resources</c>; Markdown templates render last and see <c>gaps</c>: the practices in effect that templates
/// asked about but the platform does not provide.
/// </summary>
public static class GoldenPathRenderer
{
    /// <summary>Validates the request and renders it; throws <see cref="GoldenPathInputException"/> or <see cref="TemplateDefinitionException"/>.</summary>
    /// <param name="repositoryFolder">The output folder relative to the app repository's root ('/'-separated, "." for the root itself): where the CI workflow and Argo CD find the app's kustomization.</param>
    public static RenderedApp Render(AppRequest request, GoldenPathCatalog catalog, PlatformContext platform, string repositoryFolder = RepositoryFiles.RootFolder) =>
        Render(InputValidator.Validate(request, catalog, platform), catalog, platform, repositoryFolder);

    public static RenderedApp Render(ValidatedApp app, GoldenPathCatalog catalog, PlatformContext platform, string repositoryFolder = RepositoryFiles.RootFolder)
    {
        if (repositoryFolder != RepositoryFiles.RootFolder && OutputPaths.Problem(repositoryFolder) is { } problem)
            throw new GoldenPathInputException([new InputProblem("--out", $"the folder '{Text.Redaction.Echo(repositoryFolder)}' of the repository {problem}")]);
        var goldenPath = app.GoldenPath;
        var tracer = new PracticeTracer(platform);
        foreach (var practice in app.Consulted)
            tracer.Consult(practice);
        var context = NewContext(catalog);
        context.PushGlobal(TemplateModel.Build(app, platform, tracer, repositoryFolder));

        var files = new SortedDictionary<string, RenderedAppFile>(StringComparer.Ordinal);
        foreach (var template in goldenPath.Templates.Where(t => !t.IsKustomization && !t.IsDocument))
            RenderFile(template, app, goldenPath, context, tracer, files, ScopeOf());

        // kustomization.yaml lists the YAML files rendered beside it, so it always matches what was emitted.
        foreach (var template in goldenPath.Templates.Where(t => t.IsKustomization))
        {
            var folder = Folder(OutputPath(template, app, goldenPath));
            var resources = files.Keys
                .Where(p => Folder(p) == folder && p.EndsWith(".yaml", StringComparison.Ordinal))
                .Select(p => folder.Length == 0 ? p : p[(folder.Length + 1)..])
                .ToList();
            RenderFile(template, app, goldenPath, context, tracer, files, ScopeOf(("resources", new ScriptArray(resources))));
        }

        // Documents list the gaps; they may ask about practices themselves, so render them again until the list
        // stands still. It only grows (practices asked about are never forgotten), so this ends.
        var gaps = Gaps(tracer, platform, catalog, goldenPath);
        SortedDictionary<string, RenderedAppFile> documents;
        while (true)
        {
            documents = new SortedDictionary<string, RenderedAppFile>(StringComparer.Ordinal);
            foreach (var template in goldenPath.Templates.Where(t => t.IsDocument))
                RenderFile(template, app, goldenPath, context, tracer, documents, ScopeOf(("gaps", GapArray(gaps))));
            var after = Gaps(tracer, platform, catalog, goldenPath);
            if (after.SequenceEqual(gaps))
                break;
            gaps = after;
        }
        foreach (var (path, file) in documents)
        {
            if (!files.TryAdd(path, file))
                throw new TemplateDefinitionException($"{goldenPath.Name}: '{path}' is written by two templates of the golden path");
        }

        return new RenderedApp(app.Name, goldenPath.Name, platform.Level.Number, [.. files.Values], [.. app.Notes], gaps);
    }

    /// <summary>
    /// The practices templates asked about that are in effect but not provided, in the model's order, each with what
    /// the app does not get for it.
    /// </summary>
    private static ImmutableArray<PracticeGap> Gaps(PracticeTracer tracer, PlatformContext platform, GoldenPathCatalog catalog, GoldenPath goldenPath) =>
        [.. platform.Model.Practices
            .Where(p => tracer.Consulted.Contains(p.Name) && platform.InEffect(p.Name) && !platform.Provides(p.Name))
            .Select(p =>
            {
                var status = platform.Status(p.Name)!;
                var notApplicable = status.State == PracticeState.NotApplicable;
                var missing = catalog.WhatAppsGet.GetValueOrDefault(p.Name) ?? $"what golden path {goldenPath.Name} adds for it";
                return new PracticeGap(p.Name, platform.FirstLevelOf(p.Name) ?? p.FirstLevel, notApplicable,
                    notApplicable ? status.Detail : "not implemented yet", missing);
            })];

    private static ScriptArray GapArray(IEnumerable<PracticeGap> gaps) =>
        new(gaps.Select(g => new ScriptObject
        {
            ["practice"] = g.Practice,
            ["since"] = g.Since,
            ["not_applicable"] = g.NotApplicable,
            ["reason"] = g.Reason,
            ["missing"] = g.Missing,
            ["sentence"] = g.Sentence,
        }));

    private static ScriptObject ScopeOf(params (string Name, object Value)[] variables)
    {
        var scope = new ScriptObject();
        foreach (var (name, value) in variables)
            scope[name] = value;
        return scope;
    }

    private static void RenderFile(TemplateFile template, ValidatedApp app, GoldenPath goldenPath, TemplateContext context,
        PracticeTracer tracer, SortedDictionary<string, RenderedAppFile> files, ScriptObject scope)
    {
        var output = OutputPath(template, app, goldenPath);
        // Each file gets its own scope, so a variable one template sets never leaks into the next.
        context.PushGlobal(scope);
        tracer.BeginFile();
        string text;
        // A template that never ends (a loop or recursion the limits do not see) is stopped by the clock.
        using var deadline = new CancellationTokenSource(InputLimits.RenderTimeout);
        context.CancellationToken = deadline.Token;
        try
        {
            text = template.Template.Render(context);
        }
        catch (Exception e) when (e is ScriptAbortException or OperationCanceledException || deadline.IsCancellationRequested)
        {
            throw new TemplateDefinitionException($"{goldenPath.Name}/{template.SourcePath}: rendering took longer than the limit of {InputLimits.RenderTimeout.TotalSeconds:0} s; does the template loop forever?");
        }
        catch (ScriptRuntimeException e)
        {
            throw new TemplateDefinitionException($"{goldenPath.Name}/{template.SourcePath}: {e.Message}");
        }
        finally
        {
            context.PopGlobal();
        }
        var practices = tracer.EndFile();

        var content = Normalize(text);
        if (content.Length == 0)
            return;
        if (!files.TryAdd(output, new RenderedAppFile(output, content, practices)))
            throw new TemplateDefinitionException($"{goldenPath.Name}/{template.SourcePath}: writes '{output}', which another template of the golden path writes too");
    }

    private static string OutputPath(TemplateFile template, ValidatedApp app, GoldenPath goldenPath)
    {
        var output = template.OutputPattern.Replace("{name}", app.Name, StringComparison.Ordinal);
        if (output == Output.AppRecord.FileName)
            throw new TemplateDefinitionException($"{goldenPath.Name}/{template.SourcePath}: output name '{output}' is where pmctl records the files it wrote; choose another name");
        return OutputPaths.Problem(output) is { } problem
            ? throw new TemplateDefinitionException($"{goldenPath.Name}/{template.SourcePath}: output name '{output}' {problem}; a template may only write inside the output folder")
            : output;
    }

    private static string Folder(string path) => path.LastIndexOf('/') is var slash and >= 0 ? path[..slash] : "";

    private static TemplateContext NewContext(GoldenPathCatalog catalog)
    {
        var context = new TemplateContext(catalog.Builtins)
        {
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            AutoIndent = true,
            NewLine = "\n",
            // Scriban's own limits, each an error naming itself (the defaults truncate output silently at 1 MiB).
            LoopLimit = 10_000,
            RecursiveLimit = 50,
            LimitToString = InputLimits.RenderedFileChars,
            OnStringLimit = ScriptLimitBehavior.Throw,
            OutputLimit = InputLimits.RenderedFileChars,
            OnOutputLimit = ScriptLimitBehavior.Throw,
            // A backtracking regex ignores the render's cancellation; Scriban's default of 10 s would double the
            // render limit, so one regex call gets one second (a real template's regex needs microseconds).
            RegexTimeOut = TimeSpan.FromSeconds(1),
            TemplateLoader = new PartialLoader(catalog),
        };
        foreach (var (path, partial) in catalog.Partials)
            context.CachedTemplates[path] = partial;
        return context;
    }

    /// <summary>
    /// Deterministic text whatever the template's whitespace: no trailing spaces, no leading or doubled
    /// blank lines, exactly one final newline; blank output means "no file".
    /// </summary>
    internal static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var blank = 0;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.Length == 0)
            {
                blank++;
                continue;
            }
            if (blank > 0 && builder.Length > 0)
                builder.Append('\n');
            blank = 0;
            builder.Append(line).Append('\n');
        }
        return builder.ToString();
    }

    /// <summary>Resolves <c>include</c> to the catalog's parsed partials only: nothing outside the templates folder can be read.</summary>
    private sealed class PartialLoader(GoldenPathCatalog catalog) : ITemplateLoader
    {
        public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName) =>
            catalog.Partials.ContainsKey(templateName)
                ? templateName
                : throw new ScriptRuntimeException(callerSpan,
                    $"include '{templateName}': no such partial; partials: {string.Join(", ", catalog.Partials.Keys)}");

        public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
            throw new ScriptRuntimeException(callerSpan, $"include '{templatePath}': partials are loaded with the catalog");

        public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
            throw new ScriptRuntimeException(callerSpan, $"include '{templatePath}': partials are loaded with the catalog");
    }
}
