using System.Text.Json.Nodes;
using PlatformMaturity.Files;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PlatformMaturity.Config;

/// <summary>
/// Guards <see cref="StackFileEditor"/>: an edit happens only where it is exact. Constructs a text edit cannot
/// keep (a flow-style config map, anchors and aliases, keep-chomped block scalars) are refused up front with
/// their line; afterwards every key the edit did not mean to change must read exactly as before, or nothing is written.
/// </summary>
public static class StackFileEditCheck
{
    /// <summary>Applies the writes, or throws an <see cref="InputException"/> naming the construct and its line.</summary>
    public static string Apply(string yaml, IReadOnlyList<(ConfigKey Key, JsonNode? Value)> writes, string origin, string stack)
    {
        RefuseInexactConstructs(yaml, origin, writes.Select(w => w.Key.FullName).ToHashSet(StringComparer.Ordinal));
        var updated = StackFileEditor.Apply(yaml, writes);
        RawConfig before = StackFile.Parse(yaml, stack, origin), after;
        try
        {
            after = StackFile.Parse(updated, stack, origin);
        }
        catch (StackConfigException e)
        {
            throw new InputException($"{origin}: upgrade cannot edit this file exactly ({e.Problems[0].Message}); nothing was written — rewrite the config map in plain block style");
        }
        var written = writes.Select(w => w.Key.FullName).ToHashSet(StringComparer.Ordinal);
        foreach (var key in before.Values.Keys.Union(after.Values.Keys).Where(k => !written.Contains(k)))
        {
            if (before.Values.GetValueOrDefault(key)?.ToJsonString() != after.Values.GetValueOrDefault(key)?.ToJsonString())
                throw new InputException($"{origin}: upgrade cannot edit this file exactly: {key} would change although the upgrade does not write it; nothing was written — rewrite it in plain block style");
        }
        return updated;
    }

    private static void RefuseInexactConstructs(string yaml, string origin, IReadOnlySet<string> written)
    {
        var parser = new Parser(new StringReader(yaml));
        var depth = 0;
        string? pendingKey = null;
        // Whether the next scalar of the config map (depth 2) is a key: a quoted key the upgrade rewrites would come
        // back plain ("platform:level": 1 becomes platform:level: 2), a byte change the user did not ask for.
        var configMap = false;
        var configKeyNext = true;
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            var line = current.Start.Line;
            if (current is AnchorAlias alias)
                throw Refuse(origin, line, $"an alias (*{alias.Value})", "the anchor's value would be edited or repeated in one place only");
            if (current is NodeEvent { Anchor.IsEmpty: false } anchored)
                throw Refuse(origin, line, $"an anchor (&{anchored.Anchor})", "its aliases would stop matching what the upgrade writes");
            if (current is Scalar { Style: ScalarStyle.Literal or ScalarStyle.Folded } block && block.Value.EndsWith("\n\n", StringComparison.Ordinal))
                throw Refuse(origin, line, "a block scalar that keeps trailing newlines (|+ or >+)", "an edit after it would change its value");
            switch (current)
            {
                case MappingStart mapping:
                    if (depth == 1 && pendingKey == "config" && mapping.Style == MappingStyle.Flow)
                        throw Refuse(origin, line, "a flow-style config map ({ … })", "pmctl edits config entries line by line");
                    if (depth == 1)
                        (configMap, configKeyNext) = (pendingKey == "config", true);
                    else if (depth == 2)
                        configKeyNext = true; // a collection as a config value: the next scalar at depth 2 is a key
                    depth++;
                    pendingKey = null;
                    break;
                case SequenceStart:
                    if (depth == 2)
                        configKeyNext = true;
                    depth++;
                    pendingKey = null;
                    break;
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
                case Scalar scalar when depth == 1:
                    pendingKey = pendingKey is null ? scalar.Value : null;
                    break;
                case Scalar scalar when depth == 2 && configMap:
                    if (configKeyNext && scalar.Style is not ScalarStyle.Plain && written.Contains(scalar.Value))
                        throw Refuse(origin, line, $"a quoted key ({scalar.Value})", "the upgrade writes that key plain, which would change the line beyond its value");
                    configKeyNext = !configKeyNext;
                    break;
            }
        }
    }

    private static InputException Refuse(string origin, long line, string construct, string why) =>
        new($"{origin}: line {line}: upgrade cannot edit a stack file with {construct} exactly: {why}; nothing was written — rewrite it in plain block style, or edit the file by hand");
}
