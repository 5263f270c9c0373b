using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace PlatformMaturity.Files;

/// <summary>
/// The one entry point for YAML a user gives pmctl. Before any node is built it walks the parser's events
/// once and refuses, with the line and the limit: nesting deeper than <see cref="InputLimits.YamlDepth"/>
/// (YamlDotNet builds nodes recursively, so 20,000 levels would overflow the stack and kill the process),
/// aliases that would expand past <see cref="InputLimits.YamlExpandedNodes"/> nodes (a 554-byte "billion
/// laughs" file expands to gigabytes wherever the tree is walked), scalars over <see cref="InputLimits.ValueChars"/>,
/// tags other than YAML's core ones (<c>!!python/object</c>, <c>!foo</c>: every reader here ignores them, so the file
/// would mean something else to a tool that honours them), and mapping keys that are not text (null, a number, a
/// boolean, a collection, an alias: the readers would drop, merge or rename them without a word).
/// </summary>
public static partial class SafeYaml
{
    /// <summary>Checks the limits, then loads the stream. Problems are <see cref="YamlException"/>s whose inner exception holds the plain message.</summary>
    public static YamlStream Load(string text)
    {
        Check(text);
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream;
    }

    /// <summary>Refuses text over a limit; throws a <see cref="YamlException"/> at the offending node.</summary>
    public static void Check(string text) => Check(text, YamlLimits.Input);

    /// <summary>Refuses text over <paramref name="limits"/> (cluster snapshots have their own, larger ones).</summary>
    public static void Check(string text, YamlLimits limits)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, long>(StringComparer.Ordinal);
        // Each open collection: its anchor and the expanded size of what it holds so far.
        var open = new Stack<(string? Anchor, long Nodes)>();
        // Each open collection: whether it is a mapping, and whether its next node is a key.
        var frames = new Stack<(bool Mapping, bool KeyNext)>();
        var documents = 0;
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            if (current is NodeEvent { Tag.IsEmpty: false } tagged && !CoreTags.Contains(tagged.Tag.Value))
                throw Limit(current, $"the YAML tag {Text.Redaction.Echo(AsWritten(tagged.Tag.Value))} is not allowed: pmctl reads plain YAML (text, numbers, lists, maps) and would ignore it, while a tool that honours tags reads something else — remove the tag");
            if (current is Scalar or AnchorAlias or MappingStart or SequenceStart && frames.TryPop(out var frame))
            {
                if (frame is { Mapping: true, KeyNext: true })
                    CheckKey(current);
                frames.Push(frame with { KeyNext = frame.Mapping && !frame.KeyNext });
            }
            switch (current)
            {
                // Every file pmctl reads holds one document; a loader that took the first (or the last) would
                // silently act on text the user cannot tell apart from what is ignored.
                case DocumentStart when ++documents > 1 && limits.SingleDocument:
                    throw Limit(current, "a second YAML document starts here; the file must hold exactly one (remove the '---' and what follows, or merge them)");
                case Scalar scalar:
                    if (scalar.Value.Length > limits.ValueChars)
                        throw Limit(current, $"a value of {scalar.Value.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} characters is over the limit of {limits.ValueChars.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)}");
                    Finished(current, scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value, 1);
                    break;
                case AnchorAlias alias:
                    // YamlDotNet reports an unknown alias at line 1, column 1; here it has its own position.
                    if (open.Any(o => o.Anchor == alias.Value.Value))
                        throw Limit(current, $"the alias *{Text.Redaction.Echo(alias.Value.Value)} refers to the collection that holds it, a cycle");
                    if (!anchors.ContainsKey(alias.Value.Value))
                        throw Limit(current, $"the alias *{Text.Redaction.Echo(alias.Value.Value)} refers to no anchor (&{Text.Redaction.Echo(alias.Value.Value)}) defined before it");
                    Finished(current, null, anchors.GetValueOrDefault(alias.Value.Value, 1));
                    break;
                case NodeEvent node when current is SequenceStart or MappingStart:
                    if (open.Count >= limits.Depth)
                        throw Limit(current, $"nesting is deeper than the limit of {limits.Depth} levels");
                    open.Push((node.Anchor.IsEmpty ? null : node.Anchor.Value, 1));
                    frames.Push((current is MappingStart, true));
                    break;
                case SequenceEnd or MappingEnd:
                    frames.Pop();
                    var (anchor, nodes) = open.Pop();
                    Finished(current, anchor, nodes);
                    break;
            }
        }

        void Finished(ParsingEvent at, string? anchor, long nodes)
        {
            if (anchor is not null)
                anchors[anchor] = nodes;
            if (open.Count > 0)
            {
                var (parentAnchor, parentNodes) = open.Pop();
                parentNodes += nodes;
                if (parentNodes > limits.ExpandedNodes)
                    throw Limit(at, $"aliases expand to more than {limits.ExpandedNodes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} nodes (the limit); is this an alias bomb?");
                open.Push((parentAnchor, parentNodes));
            }
        }
    }

    /// <summary>YAML's core schema tags (and the non-specific '!'), which only say what a plain reader assumes anyway.</summary>
    private static readonly HashSet<string> CoreTags = new(StringComparer.Ordinal)
    {
        "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
    };

    /// <summary>A tag as the user wrote it: YamlDotNet expands !!x to tag:yaml.org,2002:x.</summary>
    private static string AsWritten(string tag) =>
        tag.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal) ? "!!" + tag["tag:yaml.org,2002:".Length..] : tag;

    /// <summary>
    /// A key must be text. YAML reads an unquoted ~, null, true, 12 or 1.5 as null, a boolean or a number: readers
    /// that want text drop such a key (null) or turn it into other text ("True" and "true" become one key).
    /// </summary>
    private static void CheckKey(ParsingEvent key)
    {
        switch (key)
        {
            case MappingStart or SequenceStart:
                throw Limit(key, $"a key must be plain text, not a {(key is MappingStart ? "mapping" : "sequence")}");
            case AnchorAlias alias:
                throw Limit(key, $"a key must be plain text, not an alias (*{Text.Redaction.Echo(alias.Value.Value)})");
            case Scalar scalar when NotText(scalar) is { } kind:
                var shown = scalar.Value.Length == 0 ? "an empty key" : $"the key '{Text.Redaction.Echo(scalar.Value)}'";
                throw Limit(key, $"{shown} is {kind}, not text; every key must be text" +
                    (scalar.Value.Length == 0 ? " (write the key's name before the colon)" : $" (quote it, '{Text.Redaction.Echo(scalar.Value)}', if you mean the text)"));
        }
    }

    /// <summary>What a plain (unquoted, untagged) scalar reads as under YAML 1.2's core schema, when that is not text.</summary>
    private static string? NotText(Scalar scalar)
    {
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (tag is "tag:yaml.org,2002:null")
            return "null";
        if (tag is "tag:yaml.org,2002:int" or "tag:yaml.org,2002:float")
            return "a number";
        if (tag is "tag:yaml.org,2002:bool")
            return "a boolean";
        if (tag is not null || scalar.Style != ScalarStyle.Plain)
            return null;
        return scalar.Value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => "null",
            "true" or "True" or "TRUE" or "false" or "False" or "FALSE" => "a boolean",
            var v when CoreNumber().IsMatch(v) => "a number",
            _ => null,
        };
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")]
    private static partial System.Text.RegularExpressions.Regex CoreNumber();

    /// <summary>
    /// "line L, column C: message" for a YAML problem. YamlDotNet reports a tab in indentation at the end of the
    /// previous scalar (the line before); the position of the tab itself is what the user needs to find.
    /// </summary>
    public static string Describe(YamlException e, string text)
    {
        var (line, column) = (e.Start.Line, e.Start.Column);
        if (Message(e).Contains("tab", StringComparison.OrdinalIgnoreCase))
        {
            var lines = text.Split('\n');
            for (var i = (int)Math.Max(0, line - 1); i < lines.Length; i++)
            {
                var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
                var tab = lines[i].IndexOf('\t', StringComparison.Ordinal);
                if (tab >= 0 && tab < indent)
                    return $"line {i + 1}, column {tab + 1}: a tab indents this line; YAML indents with spaces only";
            }
        }
        return $"line {line}, column {column}: {Message(e)}";
    }

    /// <summary>The message of a YAML problem without YamlDotNet's position prefix (callers print the line themselves).</summary>
    public static string Message(YamlException e) => (e.InnerException ?? e).Message;

    private static YamlException Limit(ParsingEvent at, string message) =>
        new(at.Start, at.End, message, new InputException(message));
}

/// <summary>The limits <see cref="SafeYaml.Check(string, YamlLimits)"/> applies.</summary>
/// <param name="SingleDocument">Whether a second '---' document is refused (every pmctl input file holds one).</param>
public sealed record YamlLimits(int Depth, long ExpandedNodes, int ValueChars, bool SingleDocument)
{
    /// <summary>Stack files, project files and golden paths.</summary>
    public static readonly YamlLimits Input = new(InputLimits.YamlDepth, InputLimits.YamlExpandedNodes, InputLimits.ValueChars, SingleDocument: true);

    /// <summary>A cluster snapshot file read by pmctl assess: a whole cluster's objects, several documents allowed.</summary>
    public static readonly YamlLimits Snapshot = new(InputLimits.SnapshotYamlDepth, InputLimits.SnapshotYamlNodes, InputLimits.SnapshotValueChars, SingleDocument: false);
}
