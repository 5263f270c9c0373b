using System.Text.Json.Nodes;
using PlatformMaturity.Files;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PlatformMaturity.Config;

/// <summary>
/// Adds one item to a list in a stack file's <c>config:</c> map (pmctl tenant add) by inserting its lines after the
/// list's last item, so every byte already in the file stays where it was: comments between and after items, key
/// order, quoting. A list that is absent, empty or written in flow style ([…]) is rewritten whole by
/// <see cref="StackFileEditCheck"/>, which refuses what it cannot edit exactly. Either way the result is checked:
/// the list must read as before plus the item, and every other key exactly as before, or nothing is written.
/// </summary>
public static class StackFileAppend
{
    public static string Apply(string yaml, ConfigKey key, JsonNode item, string origin, string stack)
    {
        var before = StackFile.Parse(yaml, stack, origin);
        var list = before.Values.GetValueOrDefault(key.FullName) as JsonArray;
        var expected = new JsonArray([.. (list ?? []).Select(i => i?.DeepClone()), item.DeepClone()]);

        string updated;
        if (BlockList.Find(yaml, key.FullName) is { } block)
        {
            var pad = new string(' ', block.Column);
            // The file's own line ends: a CRLF file stays CRLF.
            var newline = yaml.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
            var lines = Rendering.Yaml.Of(new JsonArray(item.DeepClone())).TrimEnd('\n').Split('\n').Select(line => pad + line);
            var inserted = string.Join(newline, lines) + newline;
            var at = block.InsertAt;
            if (at == yaml.Length && (yaml.Length == 0 || yaml[^1] != '\n'))
                inserted = newline + inserted;
            updated = yaml.Insert(at, inserted);
        }
        else
        {
            updated = StackFileEditCheck.Apply(yaml, [(key, expected)], origin, stack);
        }

        RawConfig after;
        try
        {
            after = StackFile.Parse(updated, stack, origin);
        }
        catch (StackConfigException e)
        {
            throw new InputException($"{origin}: {key.FullName} cannot be extended exactly ({e.Problems[0].Message}); nothing was written — rewrite the list in plain block style");
        }
        if (after.Values.GetValueOrDefault(key.FullName)?.ToJsonString() != expected.ToJsonString())
            throw new InputException($"{origin}: {key.FullName} would not read as before plus the new item after the edit; nothing was written — rewrite the list in plain block style");
        foreach (var other in before.Values.Keys.Union(after.Values.Keys).Where(k => k != key.FullName))
        {
            if (before.Values.GetValueOrDefault(other)?.ToJsonString() != after.Values.GetValueOrDefault(other)?.ToJsonString())
                throw new InputException($"{origin}: adding to {key.FullName} would change {other} too (an anchor or alias shares them); nothing was written — rewrite it in plain block style");
        }
        return updated;
    }

    /// <summary>A non-empty block list under config: the column of its dashes and where a new item's lines go.</summary>
    private sealed record BlockList(int Column, int InsertAt)
    {
        public static BlockList? Find(string yaml, string key)
        {
            var parser = new Parser(new StringReader(yaml));
            parser.Consume<StreamStart>();
            if (!parser.TryConsume<DocumentStart>(out _) || !parser.TryConsume<MappingStart>(out _))
                return null;
            while (parser.TryConsume<Scalar>(out var rootKey))
            {
                if (rootKey.Value != "config")
                {
                    YamlNodeExtent.Skip(parser);
                    continue;
                }
                if (!parser.TryConsume<MappingStart>(out var config) || config.Style != MappingStyle.Block)
                    return null;
                while (parser.TryConsume<Scalar>(out var entry))
                {
                    if (entry.Value != key)
                    {
                        YamlNodeExtent.Skip(parser);
                        continue;
                    }
                    if (!parser.TryConsume<SequenceStart>(out var list) || list.Style != SequenceStyle.Block)
                        return null;
                    // The column of the first item's dash (the list's own start may be its anchor or tag).
                    var first = parser.Current!.Start.Index;
                    var dash = yaml.LastIndexOf('-', (int)Math.Max(0, first - 1));
                    var column = dash - (yaml.LastIndexOf('\n', Math.Max(0, dash)) + 1);
                    long end = 0;
                    while (!parser.TryConsume<SequenceEnd>(out _))
                        end = YamlNodeExtent.Skip(parser);
                    return new BlockList(column, LineEnd(yaml, end));
                }
                return null;
            }
            return null;
        }

        /// <summary>The start of the line after the one where the list's last content ends (after a comment on that line).</summary>
        private static int LineEnd(string yaml, long end)
        {
            var at = (int)Math.Min(end, yaml.Length);
            if (at > 0 && yaml[at - 1] == '\n')
                return at;
            var newline = yaml.IndexOf('\n', at);
            return newline < 0 ? yaml.Length : newline + 1;
        }
    }
}
