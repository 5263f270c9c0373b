using System.Text;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PlatformMaturity.Config;

/// <summary>
/// Sets keys of a stack file's <c>config:</c> map by editing the text in place, so comments, key order,
/// formatting and keys the tool does not own (other namespaces, secrets, encryption settings) survive.
/// </summary>
public static class StackFileEditor
{
    public static string Apply(string yaml, IEnumerable<(ConfigKey Key, JsonNode? Value)> writes)
    {
        var map = ConfigMap.Find(yaml);
        var edits = new List<(long Start, long End, string Text)>();
        var appended = new StringBuilder();
        var indent = map?.Indent ?? 2;

        foreach (var (key, value) in writes)
        {
            var entry = map?.Entries.FirstOrDefault(e => e.Key == key.FullName);
            if (entry is not null)
            {
                edits.Add((entry.Start, entry.End, Render(key, value, indent, withComment: false).TrimStart()));
            }
            else
            {
                appended.Append('\n').Append(Render(key, value, indent, withComment: true));
            }
        }

        var text = new StringBuilder(yaml);
        foreach (var (start, end, replacement) in edits.OrderByDescending(e => e.Start))
            text.Remove((int)start, (int)(end - start)).Insert((int)start, replacement);
        if (appended.Length == 0)
            return text.ToString();

        if (map is null)
        {
            var prefix = yaml.Length == 0 || yaml.EndsWith('\n') ? "" : "\n";
            return text.Append(prefix).Append("config:").Append(appended).Append('\n').ToString();
        }
        if (map.Entries.Count == 0)
        {
            var (start, end) = map.ValueSpan;
            return text.Remove((int)start, (int)(end - start)).Insert((int)start, appended.ToString()).ToString();
        }
        var shift = edits.Where(e => e.Start < map.End).Sum(e => e.Text.Length - (e.End - e.Start));
        return text.Insert((int)(map.End + shift), appended.ToString()).ToString();
    }

    /// <summary>The key and value as stack-file YAML, indented under config:, optionally under its documentation.</summary>
    private static string Render(ConfigKey key, JsonNode? value, int indent, bool withComment)
    {
        var pad = new string(' ', indent);
        var lines = Rendering.Yaml.Of(new JsonObject { [key.FullName] = value?.DeepClone() })
            .TrimEnd('\n').Split('\n').Select(line => pad + line);
        var comment = withComment ? $"{pad}# {key.Description}\n" : "";
        return comment + string.Join('\n', lines);
    }

    /// <summary>Where the config map and each of its entries sit in the text (character offsets).</summary>
    /// <param name="ValueSpan">The span of the config key's value (for a config key that holds no entries).</param>
    private sealed record ConfigMap(int Indent, long End, IReadOnlyList<Entry> Entries, (long Start, long End) ValueSpan)
    {
        /// <summary>The config key's value: its entries, or an empty map when it holds none (config:, {}, ~); null without a config key.</summary>
        public static ConfigMap? Find(string yaml)
        {
            var parser = new Parser(new StringReader(yaml));
            parser.Consume<StreamStart>();
            if (!parser.TryConsume<DocumentStart>(out _) || !parser.TryConsume<MappingStart>(out _))
                return null;
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = parser.Consume<Scalar>();
                if (key.Value != "config")
                {
                    YamlNodeExtent.Skip(parser);
                    continue;
                }
                var start = key.End.Index + 1;
                if (parser.Accept<MappingStart>(out var map) && map.Style == MappingStyle.Block)
                    return ReadMap(parser, start);
                var end = YamlNodeExtent.Skip(parser);
                return new ConfigMap(2, -1, [], (start, Math.Max(start, end)));
            }
            return null;
        }

        private static ConfigMap ReadMap(IParser parser, long start)
        {
            parser.Consume<MappingStart>();
            var entries = new List<Entry>();
            var indent = -1;
            long end = -1;
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = parser.Consume<Scalar>();
                if (indent < 0)
                    indent = (int)key.Start.Column - 1;
                var valueEnd = YamlNodeExtent.Skip(parser);
                entries.Add(new Entry(key.Value, key.Start.Index, valueEnd));
                end = valueEnd;
            }
            return new ConfigMap(indent, end, entries, (start, end));
        }
    }

    private sealed record Entry(string Key, long Start, long End);
}
