using System.Text.RegularExpressions;
using PlatformMaturity.Practices.Delivery;
using PlatformMaturity.Files;
using PlatformMaturity.GoldenPaths.Output;

namespace PlatformMaturity.GoldenPaths.Promotion;

/// <summary>An image as kustomize's images entry sets it: the name it replaces, and the reference it runs.</summary>
public sealed record ImagePin(string Name, string? NewName, string? NewTag, string? Digest)
{
    /// <summary>As a person reads it: repository, tag and digest (kustomize uses the digest when both are set).</summary>
    public string Reference => (NewName ?? Name) + (NewTag is null ? "" : ":" + NewTag) + (Digest is null ? "" : "@" + Digest);

    public bool SameReference(ImagePin other) => NewName == other.NewName && NewTag == other.NewTag && Digest == other.Digest;

    public static ImagePin Of(BlockMap entry) => new(entry["name"]!, entry["newName"], entry["newTag"], entry["digest"]);
}

/// <summary>What a promotion changes in the target environment's kustomization.yaml.</summary>
/// <param name="Images">Each image: what the target ran and what it runs after the promotion.</param>
/// <param name="Annotations">Change-record annotations copied from the source (DORA Metrics), old and new value (null: absent).</param>
public sealed record PromotionPlan(
    string App, string From, string To, string TargetFile, string Original, string Updated,
    IReadOnlyList<(ImagePin Before, ImagePin After)> Images,
    IReadOnlyList<(string Key, string? Before, string? After)> Annotations);

/// <summary>
/// Extended Delivery Processes: promotion through Git. An app's repository holds one folder per environment, each written by
/// <c>pmctl app new --stack &lt;that environment's stack&gt; --out &lt;folder&gt;/&lt;environment&gt;</c>; promoting copies the
/// exact image reference the source environment runs (tag and digest, as its kustomization's <c>images</c> entry says) into the
/// target's kustomization.yaml, and with it the change record's commit annotations, and changes nothing else.
/// </summary>
public static partial class AppPromotion
{
    public const string Kustomization = "kustomization.yaml";

    /// <summary>The environment folders of <paramref name="appDirectory"/>: its subfolders that hold a <c>.pmctl-app</c> record.</summary>
    public static IReadOnlyList<string> Environments(string appDirectory) =>
        [.. Directory.EnumerateDirectories(appDirectory)
            .Where(d => File.Exists(Path.Combine(d, AppRecord.FileName)))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal)];

    /// <summary>
    /// The promotion of <paramref name="from"/> to <paramref name="to"/> in <paramref name="appDirectory"/> (shown to people as
    /// <paramref name="display"/>), or an <see cref="InputException"/> saying exactly why not. Reads only; writes nothing.
    /// </summary>
    public static PromotionPlan Plan(string appDirectory, string display, string from, string to)
    {
        if (!Directory.Exists(appDirectory))
            throw new InputException($"{display}: is not a folder; give the folder that holds one folder per environment of the app (each written by pmctl app new); nothing was written");
        foreach (var (option, value) in new[] { ("--from", from), ("--to", to) })
        {
            if (!EnvironmentName().IsMatch(value))
                throw new InputException($"{option} '{Text.Redaction.Echo(value)}' is not an environment name: the name of a folder in {display} (lowercase letters, digits and '-'); nothing was written");
        }
        if (from == to)
            throw new InputException($"--from and --to are both '{from}': promotion copies one environment's image into another; nothing was written");

        var environments = Environments(appDirectory);
        var known = environments.Count == 0 ? "none: no folder in it holds a .pmctl-app record" : string.Join(", ", environments);
        foreach (var (option, value) in new[] { ("--from", from), ("--to", to) })
        {
            if (environments.Contains(value))
                continue;
            if (Directory.Exists(Path.Combine(appDirectory, value)))
                throw new InputException($"{option} {value}: {display}/{value} was not written by pmctl app new (it has no {AppRecord.FileName} record), so pmctl does not edit it; environments in {display}: {known}; nothing was written");
            throw new InputException($"{option} {value}: no environment '{value}' in {display}; environments: {known}; nothing was written");
        }

        var source = ReadEnvironment(appDirectory, display, from);
        var target = ReadEnvironment(appDirectory, display, to);
        if (source.App != target.App)
            throw new InputException($"{display}/{from} holds app '{source.App}' and {display}/{to} app '{target.App}': promotion copies an app's image between its own environments; nothing was written");

        var images = PairImages(source, target, display, from, to);
        var edits = new List<TextEdit>();
        foreach (var (entry, pin) in images)
            edits.AddRange(target.Kustomization.Set(entry, [("newName", pin.NewName), ("newTag", pin.NewTag), ("digest", pin.Digest)]));
        var pairs = images.Select(i => (Before: ImagePin.Of(i.Entry), After: i.Pin)).ToList();
        if (pairs.All(p => p.Before.SameReference(p.After)))
            throw new InputException($"{display}/{to} already runs {string.Join(", ", pairs.Select(p => p.After.Reference))}, the image {display}/{from} runs: nothing to promote; nothing was written");

        var annotations = ChangeRecord(source.Kustomization, target.Kustomization, edits);
        var updated = KustomizationText.Apply(target.Kustomization.Text, edits);
        // The result must still be the kustomization it was, with the promoted images: checked, never assumed.
        var check = KustomizationText.Read(updated, $"{display}/{to}/{Kustomization} (as promote would write it)");
        if (!check.Images.Select(ImagePin.Of).Zip(pairs).All(z => z.First.Name == z.Second.After.Name && z.First.SameReference(z.Second.After)))
            throw new InvalidOperationException("promotion edit did not produce the promoted images");
        return new PromotionPlan(source.App, from, to, Path.Combine(appDirectory, to, Kustomization), target.Kustomization.Text, updated, pairs, annotations);
    }

    /// <summary>Each target images entry with the source's pin of the same name; the two must name the same images.</summary>
    private static List<(BlockMap Entry, ImagePin Pin)> PairImages(Environment source, Environment target, string display, string from, string to)
    {
        var sourcePins = source.Kustomization.Images.Select(ImagePin.Of).ToList();
        if (sourcePins.Count == 0)
            throw new InputException($"{display}/{from}/{Kustomization} sets no image (no images: entry), so there is no version to promote; nothing was written");
        var sourceNames = sourcePins.Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        var targetNames = target.Kustomization.Images.Select(e => e["name"]!).Order(StringComparer.Ordinal).ToList();
        if (!sourceNames.SequenceEqual(targetNames))
            throw new InputException($"{display}/{from} sets images {string.Join(", ", sourceNames)} and {display}/{to} sets {(targetNames.Count == 0 ? "none" : string.Join(", ", targetNames))}: " +
                "promotion copies a reference, not an image, so both must name the same image (an environment on another registry needs the image imported there first, e.g. az acr import, and its folder written again with pmctl app new --set image=...); nothing was written");
        foreach (var pin in sourcePins)
        {
            if (pin.NewTag is null && pin.Digest is null)
                throw new InputException($"{display}/{from}/{Kustomization}: image {pin.Name} has no newTag or digest, so it runs whatever the name resolves to and there is no version to promote; nothing was written");
            if (pin.NewTag is not null && !Tag().IsMatch(pin.NewTag))
                throw new InputException($"{display}/{from}/{Kustomization}: image {pin.Name} newTag '{Text.Redaction.Echo(pin.NewTag)}' is not an image tag; nothing was written");
            if (pin.Digest is not null && !Digest().IsMatch(pin.Digest))
                throw new InputException($"{display}/{from}/{Kustomization}: image {pin.Name} digest '{Text.Redaction.Echo(pin.Digest)}' is not an image digest (algorithm:hex, e.g. sha256:...); nothing was written");
            if (pin.NewName is not null && !Repository().IsMatch(pin.NewName))
                throw new InputException($"{display}/{from}/{Kustomization}: image {pin.Name} newName '{Text.Redaction.Echo(pin.NewName)}' is not an image repository; nothing was written");
        }
        return [.. target.Kustomization.Images.Select(e => (e, sourcePins.Single(p => p.Name == e["name"])))];
    }

    /// <summary>
    /// DORA Metrics' change record reads the commit annotations the CI writes into commonAnnotations: the target now ships the
    /// source's commit, so it gets the source's annotations (and loses its own when the source has none: they would name a commit it no longer runs).
    /// </summary>
    private static List<(string Key, string? Before, string? After)> ChangeRecord(KustomizationText source, KustomizationText target, List<TextEdit> edits)
    {
        var changes = new List<(string Key, string? Before, string? After)>();
        string[] keys = [DoraContract.CommitShaAnnotation, DoraContract.CommitTimeAnnotation];
        var wanted = keys.Select(k => (Key: k, Value: source.CommonAnnotations?[k])).ToList();
        foreach (var (key, value) in wanted)
        {
            if (value is not null && (value.Length > 100 || value.Any(char.IsControl)))
                throw new InputException($"{Kustomization} of the source environment: commonAnnotations {key} '{Text.Redaction.Echo(value)}' is not a commit annotation the CI writes; nothing was written");
            var before = target.CommonAnnotations?[key];
            if (before != value)
                changes.Add((key, before, value));
        }
        if (changes.Count == 0)
            return changes;

        if (target.CommonAnnotations is not { } map)
        {
            // No commonAnnotations yet: a new block at the end of the file.
            var text = target.Text;
            var block = "commonAnnotations:\n" + string.Concat(changes.Where(c => c.After is not null).Select(c => $"  {c.Key}: {KustomizationText.Quote(c.After!)}\n"));
            edits.Add(new TextEdit(text.Length, text.Length, (text.Length == 0 || text.EndsWith('\n') ? "" : "\n") + block));
            return changes;
        }
        var removesAll = map.Entries.All(e => changes.Any(c => c.Key == e.Key && c.After is null));
        if (removesAll)
        {
            // Every annotation goes: the key goes too, rather than leaving an empty commonAnnotations: behind.
            var start = target.LineStart(target.CommonAnnotationsKeyStart);
            edits.Add(new TextEdit(start, Math.Min(target.Text.Length, target.LineEnd(map.End) + 1), ""));
            return changes;
        }
        edits.AddRange(target.Set(map, [.. changes.Select(c => (c.Key, c.After))]));
        return changes;
    }

    private static Environment ReadEnvironment(string appDirectory, string display, string name)
    {
        var folder = Path.Combine(appDirectory, name);
        var shown = $"{display}/{name}";
        ImmutableRecord record;
        try
        {
            record = new ImmutableRecord(AppRecord.Read(folder), File.ReadLines(Path.Combine(folder, AppRecord.FileName)).Take(10).ToList());
        }
        catch (GoldenPathInputException e)
        {
            throw new InputException($"{shown}: {e.Problems.First().Message}; nothing was written");
        }
        if (!record.Files.ContainsKey(Kustomization))
            throw new InputException($"{shown}/{Kustomization}: not among the files pmctl app new wrote there ({AppRecord.FileName}), so pmctl does not edit it; nothing was written");
        var app = record.Header.Select(l => AppHeader().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value
            ?? throw new InputException($"{shown}/{AppRecord.FileName}: has no 'Last render: app ...' line, so pmctl cannot tell which app the folder holds; write it again with pmctl app new --force; nothing was written");
        var path = Path.Combine(folder, Kustomization);
        var text = InputFile.ReadText(path, $"{shown}/{Kustomization}", "kustomization", InputLimits.ProjectFileBytes);
        return new Environment(app, KustomizationText.Read(text, $"{shown}/{Kustomization}"));
    }

    private sealed record ImmutableRecord(IReadOnlyDictionary<string, string> Files, IReadOnlyList<string> Header);

    private sealed record Environment(string App, KustomizationText Kustomization);

    [GeneratedRegex(@"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex EnvironmentName();

    // The OCI distribution spec's grammar for tags and digests.
    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex Tag();

    [GeneratedRegex(@"^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$")]
    private static partial Regex Digest();

    [GeneratedRegex(@"^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex Repository();

    [GeneratedRegex(@"^# Last render: app ([a-z0-9-]+),")]
    private static partial Regex AppHeader();
}
