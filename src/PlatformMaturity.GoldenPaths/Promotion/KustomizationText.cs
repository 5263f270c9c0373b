using System.Text;
using PlatformMaturity.Config;
using PlatformMaturity.Files;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PlatformMaturity.GoldenPaths.Promotion;

/// <summary>One key of a block mapping and where its scalar value sits in the text (character offsets).</summary>
public sealed record MapEntry(string Key, string Value, long KeyStart, long ValueStart, long ValueEnd);

/// <summary>A block mapping's entries and the column its keys start at.</summary>
public sealed record BlockMap(int Column, long KeyStart, IReadOnlyList<MapEntry> Entries)
{
    public string? this[string key] => Entries.FirstOrDefault(e => e.Key == key)?.Value;

    public long End => Entries.Count == 0 ? KeyStart : Entries.Max(e => e.ValueEnd);
}

/// <summary>
/// The parts of a kustomization.yaml that promotion reads and changes — the <c>images</c> entries and the
/// <c>commonAnnotations</c> map — with their positions, so an edit changes only those values and keeps every comment,
/// key and blank line elsewhere (the same in-place editing as the stack-file editors).
/// </summary>
public sealed record KustomizationText(string Text, IReadOnlyList<BlockMap> Images, BlockMap? CommonAnnotations, long CommonAnnotationsKeyStart)
{
    /// <summary>Reads <paramref name="text"/>, or throws an <see cref="InputException"/> naming the file, the line and what promote expected.</summary>
    public static KustomizationText Read(string text, string display)
    {
        try
        {
            SafeYaml.Load(text);
        }
        catch (YamlException e)
        {
            throw Broken(display, e.Start.Line, e.InnerException?.Message ?? e.Message);
        }

        var parser = new Parser(new StringReader(text));
        parser.Consume<StreamStart>();
        if (!parser.TryConsume<DocumentStart>(out _) || !parser.Accept<MappingStart>(out var top) || top.Style != MappingStyle.Block)
            throw Broken(display, 1, "it is not a kustomization (a YAML mapping of kustomize fields)");
        parser.Consume<MappingStart>();
        var images = new List<BlockMap>();
        BlockMap? annotations = null;
        long annotationsKey = -1;
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var key = parser.Consume<Scalar>();
            switch (key.Value)
            {
                case "images":
                    images.AddRange(ReadImages(parser, display, key));
                    break;
                case "commonAnnotations":
                    annotationsKey = key.Start.Index;
                    annotations = ReadMap(parser, display, "commonAnnotations");
                    break;
                default:
                    YamlNodeExtent.Skip(parser);
                    break;
            }
        }
        parser.Consume<DocumentEnd>();
        if (!parser.Accept<StreamEnd>(out _))
            throw Broken(display, parser.Current!.Start.Line, "it holds more than one YAML document; a kustomization is one");
        return new KustomizationText(text, images, annotations, annotationsKey);
    }

    private static IEnumerable<BlockMap> ReadImages(IParser parser, string display, Scalar key)
    {
        if (parser.TryConsume<Scalar>(out var empty) && empty.Value.Length == 0)
            return [];
        if (!parser.Accept<SequenceStart>(out var sequence) || sequence.Style != SequenceStyle.Block)
            throw Broken(display, key.Start.Line, "images: is not a block list of image entries (- name: ...), the form pmctl app new writes");
        parser.Consume<SequenceStart>();
        var items = new List<BlockMap>();
        while (!parser.TryConsume<SequenceEnd>(out _))
        {
            var item = ReadMap(parser, display, "images");
            if (item.Entries.Count == 0 || item["name"] is null)
                throw Broken(display, parser.Current!.Start.Line, "an entry of images: has no name");
            items.Add(item);
        }
        return items;
    }

    /// <summary>A block mapping whose values are all scalars (what kustomize's images entries and annotations are).</summary>
    private static BlockMap ReadMap(IParser parser, string display, string field)
    {
        if (!parser.Accept<MappingStart>(out var start) || start.Style != MappingStyle.Block)
            throw Broken(display, parser.Current!.Start.Line, $"{field}: holds something other than a block map of names to values, the form pmctl app new and kustomize edit write");
        parser.Consume<MappingStart>();
        var entries = new List<MapEntry>();
        var column = 0;
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var key = parser.Consume<Scalar>();
            if (entries.Count == 0)
                column = (int)key.Start.Column - 1;
            if (!parser.TryConsume<Scalar>(out var value) || value.Start.Line != key.Start.Line || value.End.Line != key.Start.Line
                || value.Style is ScalarStyle.Literal or ScalarStyle.Folded)
                throw Broken(display, key.Start.Line, $"{field}: {key.Value} is not a one-line value");
            if (entries.Any(e => e.Key == key.Value))
                throw Broken(display, key.Start.Line, $"{field}: {key.Value} appears twice");
            entries.Add(new MapEntry(key.Value, value.Value, key.Start.Index, value.Start.Index, value.End.Index));
        }
        return new BlockMap(column, entries.Count == 0 ? start.Start.Index : entries[0].KeyStart, entries);
    }

    private static InputException Broken(string display, long line, string problem) =>
        new($"{display}: line {line}: {problem}. pmctl app promote edits only the kustomization.yaml pmctl app new wrote (and kustomize edit " +
            "changed): fix it by hand, or write it again with pmctl app new --force; nothing was written");

    /// <summary>A scalar as a double-quoted YAML string; values promote writes have no control characters (checked before).</summary>
    public static string Quote(string value) =>
        value.Any(char.IsControl) ? throw new ArgumentException("control character in a promoted value", nameof(value))
            : "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>The text with <paramref name="edits"/> applied (offsets into the original text; edits do not overlap).</summary>
    public static string Apply(string text, IEnumerable<TextEdit> edits)
    {
        var result = new StringBuilder(text);
        // Last first, so earlier offsets stay valid; insertions at one point keep their order.
        foreach (var edit in edits.Select((e, i) => (e, i)).OrderByDescending(x => x.e.Start).ThenByDescending(x => x.e.End).ThenByDescending(x => x.i).Select(x => x.e))
            result.Remove((int)edit.Start, (int)(edit.End - edit.Start)).Insert((int)edit.Start, edit.Replacement);
        return result.ToString();
    }

    /// <summary>
    /// The edits that set each key of <paramref name="map"/> to its value (null: removes the key's line). New keys go after the line
    /// of the last value that stays, so a comment at the end of that line stays on it.
    /// </summary>
    public IEnumerable<TextEdit> Set(BlockMap map, IReadOnlyList<(string Key, string? Value)> values)
    {
        var removed = values.Where(v => v.Value is null).Select(v => v.Key).ToHashSet(StringComparer.Ordinal);
        var staying = map.Entries.Where(e => !removed.Contains(e.Key)).ToList();
        var at = LineEnd(staying.Count == 0 ? map.End : staying.Max(e => e.ValueEnd));
        var indent = new string(' ', map.Column);
        foreach (var (key, value) in values)
        {
            var entry = map.Entries.FirstOrDefault(e => e.Key == key);
            if (entry is null && value is not null)
                yield return new TextEdit(at, at, $"\n{indent}{key}: {Quote(value)}");
            else if (entry is not null && value is null)
                yield return new TextEdit(LineStart(entry.KeyStart), Math.Min(Text.Length, LineEnd(entry.ValueEnd) + 1), "");
            else if (entry is not null && entry.Value != value)
                yield return new TextEdit(entry.ValueStart, entry.ValueEnd, Quote(value!));
        }
    }

    public long LineStart(long index) => index == 0 ? 0 : Text.LastIndexOf('\n', (int)index - 1) + 1;

    public long LineEnd(long index) => Text.IndexOf('\n', (int)Math.Min(index, Text.Length)) is var n && n >= 0 ? n : Text.Length;
}

/// <summary>Replace the text between two offsets.</summary>
public sealed record TextEdit(long Start, long End, string Replacement);
