using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using PlatformMaturity.Files;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PlatformMaturity.Assess.Snapshot;

/// <summary>
/// Reads a snapshot offline: one `kubectl get … -o yaml|json` file (a List, a single object, or several YAML
/// documents) or a folder of them. A file that cannot be read is reported with its position and skipped; a
/// truncated JSON file keeps the items before the break. A folder holding api-resources.txt (the README's
/// commands write it) states which kinds were listed: a kind the server serves but whose file is missing or
/// has a .error beside it is unknown, never taken as absent.
/// </summary>
public static class SnapshotReader
{
    /// <summary>The file `kubectl api-resources --verbs=list -o name` writes in a snapshot folder.</summary>
    public const string ApiResourcesFile = "api-resources.txt";

    /// <summary>The suffix of the file the README's commands write when `kubectl get` of a resource fails.</summary>
    public const string ErrorSuffix = ".error";

    private static readonly string[] Extensions = [".json", ".yaml", ".yml"];

    public static ClusterSnapshot Read(string path, string display)
    {
        var objects = new List<ClusterObject>();
        var problems = new List<SnapshotProblem>();
        var notes = new List<string>();
        long read = 0;
        if (Directory.Exists(path))
        {
            var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .ToList();
            foreach (var file in files)
                read += ReadFile(file, Path.Combine(display, Path.GetRelativePath(path, file)), objects, problems);
            var definitions = Definitions(objects);
            var apiResources = Path.Combine(path, ApiResourcesFile);
            if (File.Exists(apiResources))
                return new ClusterSnapshot($"snapshot {display} ({files.Count} files)", objects,
                    Listed(path, display, apiResources, files, definitions), problems, notes, read);
            notes.Add($"{display} has no {ApiResourcesFile}: the snapshot is taken as complete, so a kind with no objects in it counts as absent. Make it with the README's commands to have kinds that could not be listed reported as unknown.");
            return new ClusterSnapshot($"snapshot {display} ({files.Count} files)", objects, ClusterSnapshot.Complete(definitions), problems, notes, read);
        }
        read += ReadFile(path, display, objects, problems, mustExist: true);
        notes.Add($"{display} is a single file: the snapshot is taken as complete, so a kind with no objects in it counts as absent.");
        return new ClusterSnapshot($"snapshot {display}", objects, ClusterSnapshot.Complete(Definitions(objects)), problems, notes, read);
    }

    /// <summary>Reads one file's objects; returns how many items it held (of any kind).</summary>
    public static long ReadFile(string path, string display, List<ClusterObject> into, List<SnapshotProblem> problems, bool mustExist = false)
    {
        byte[] bytes;
        try
        {
            bytes = InputFile.ReadBytes(path, display, "snapshot file", InputLimits.SnapshotFileBytes);
        }
        catch (InputException e) when (!mustExist)
        {
            problems.Add(new SnapshotProblem(display, e.Message.StartsWith(display, StringComparison.Ordinal) ? e.Message[(display.Length + 2)..] : e.Message));
            return 0;
        }
        var start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        var first = bytes.AsSpan(start).TrimStart(" \t\r\n"u8);
        return first.Length > 0 && (first[0] == (byte)'{' || first[0] == (byte)'[')
            ? ReadJson(bytes.AsMemory(start), display, into, problems)
            : ReadYaml(bytes, start, display, into, problems);
    }

    /// <summary>
    /// Streams the JSON: each item of "items" is parsed on its own, kept as small as its kind allows and let go,
    /// so a 50,000-object dump never exists as one tree. A syntax error ends the file but keeps what came before.
    /// </summary>
    private static long ReadJson(ReadOnlyMemory<byte> bytes, string display, List<ClusterObject> into, List<SnapshotProblem> problems)
    {
        var reader = new Utf8JsonReader(bytes.Span, new JsonReaderOptions { MaxDepth = InputLimits.SnapshotYamlDepth, CommentHandling = JsonCommentHandling.Skip });
        long count = 0;
        try
        {
            if (!reader.Read())
                return 0;
            if (reader.TokenType == JsonTokenType.StartArray)
                return ReadItems(ref reader, bytes.Span, display, into, problems);
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                problems.Add(new SnapshotProblem(Where(display, bytes.Span, reader.TokenStartIndex), "the file is not a JSON object or array"));
                return 0;
            }
            var objectStart = reader.TokenStartIndex;
            var sawItems = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isItems = reader.ValueTextEquals("items"u8);
                reader.Read();
                if (isItems && reader.TokenType == JsonTokenType.StartArray)
                {
                    sawItems = true;
                    count += ReadItems(ref reader, bytes.Span, display, into, problems);
                }
                else
                {
                    reader.Skip();
                }
            }
            if (!sawItems)
            {
                // Not a List: the file is one object (`kubectl get <kind> <name> -o json`).
                using var document = JsonDocument.Parse(bytes[(int)objectStart..], new JsonDocumentOptions { MaxDepth = InputLimits.SnapshotYamlDepth });
                count += Keep(document.RootElement, display, bytes.Span, objectStart, into, problems);
            }
        }
        catch (JsonException e)
        {
            problems.Add(new SnapshotProblem(
                $"{display}: line {(e.LineNumber ?? 0) + 1}, column {(e.BytePositionInLine ?? 0) + 1}",
                $"not valid JSON ({FirstSentence(e.Message)}); {count.ToString("N0", CultureInfo.InvariantCulture)} items before it were read, the rest of the file is skipped"));
        }
        return count;
    }

    private static long ReadItems(ref Utf8JsonReader reader, ReadOnlySpan<byte> bytes, string display, List<ClusterObject> into, List<SnapshotProblem> problems)
    {
        long count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var start = reader.TokenStartIndex;
            using var item = JsonDocument.ParseValue(ref reader);
            count += Keep(item.RootElement, display, bytes, start, into, problems);
        }
        return count;
    }

    private static long Keep(JsonElement item, string display, ReadOnlySpan<byte> bytes, long offset, List<ClusterObject> into, List<SnapshotProblem> problems)
    {
        // A nested List (kubectl get a,b -o json writes one List; some tools nest them) is read item by item.
        if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("items", out var nested) && nested.ValueKind == JsonValueKind.Array
            && item.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String && kind.GetString()!.EndsWith("List", StringComparison.Ordinal))
        {
            long count = 0;
            foreach (var inner in nested.EnumerateArray())
                count += Keep(inner, display, bytes, offset, into, problems);
            return count;
        }
        var obj = ClusterObject.Read(item, out var problem);
        if (problem is not null)
            problems.Add(new SnapshotProblem(Where(display, bytes, offset), $"{problem}; skipped"));
        if (obj is not null)
            into.Add(obj);
        return 1;
    }

    private static long ReadYaml(byte[] bytes, int start, string display, List<ClusterObject> into, List<SnapshotProblem> problems)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException)
        {
            problems.Add(new SnapshotProblem(display, "is neither JSON nor UTF-8 YAML; skipped"));
            return 0;
        }
        var stream = new YamlStream();
        try
        {
            SafeYaml.Check(text, YamlLimits.Snapshot);
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            problems.Add(new SnapshotProblem($"{display}: {SafeYaml.Describe(e, text).Split(':')[0]}",
                $"{SafeYaml.Message(e)}; the file is skipped (nothing in it was assessed)"));
            return 0;
        }
        long count = 0;
        foreach (var document in stream.Documents)
        {
            if (document.RootNode is YamlScalarNode { Value: null or "" })
                continue;
            count += KeepYaml(document.RootNode, display, into, problems);
        }
        return count;
    }

    private static long KeepYaml(YamlNode node, string display, List<ClusterObject> into, List<SnapshotProblem> problems)
    {
        if (node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode("items"), out var items) && items is YamlSequenceNode list)
        {
            long count = 0;
            foreach (var item in list)
                count += KeepYaml(item, display, into, problems);
            return count;
        }
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
            YamlJson.Write(node, writer);
        using var document = JsonDocument.Parse(buffer.WrittenMemory, new JsonDocumentOptions { MaxDepth = InputLimits.SnapshotYamlDepth + 1 });
        var obj = ClusterObject.Read(document.RootElement, out var problem);
        if (problem is not null)
            problems.Add(new SnapshotProblem($"{display}: line {node.Start.Line}, column {node.Start.Column}", $"{problem}; skipped"));
        if (obj is not null)
            into.Add(obj);
        return 1;
    }

    private static HashSet<string> Definitions(IEnumerable<ClusterObject> objects) =>
        [.. objects.Where(o => o.Kind == Kinds.CustomResourceDefinition).Select(o => o.Name)];

    /// <summary>Coverage of a folder with api-resources.txt: listed when its file is there, unknown when it is missing or failed.</summary>
    private static Func<ApiKind, bool, KindCoverage> Listed(string path, string display, string apiResources, IReadOnlyList<string> files, HashSet<string> definitions)
    {
        var served = File.ReadAllLines(apiResources).Select(l => l.Trim()).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal);
        var dumped = files.Select(f => Path.GetFileNameWithoutExtension(f)).ToHashSet(StringComparer.Ordinal);
        var failed = Directory.EnumerateFiles(path, "*" + ErrorSuffix)
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => FirstLine(f), StringComparer.Ordinal);
        return (kind, any) =>
        {
            if (any || (dumped.Contains(kind.Resource) && !failed.ContainsKey(kind.Resource)))
                return new KindCoverage(kind, CoverageState.Listed);
            if (failed.TryGetValue(kind.Resource, out var error))
                return new KindCoverage(kind, CoverageState.Unknown, $"kubectl get {kind.Resource} failed: {error}");
            if (served.Contains(kind.Resource))
                return new KindCoverage(kind, CoverageState.Unknown, $"the server lists {kind.Resource} ({ApiResourcesFile}) but {display} has no {kind.Resource}.yaml or .json");
            return kind.BuiltIn
                ? new KindCoverage(kind, CoverageState.Unknown, $"{kind.Resource} is not in {ApiResourcesFile} (an API server older than this kind, or a partial list)")
                : new KindCoverage(kind, CoverageState.NotServed, $"the server does not serve {kind.Resource} ({ApiResourcesFile}){(definitions.Contains(kind.DefinitionName) ? "" : "; no CRD")}");
        };
    }

    private static string FirstLine(string file)
    {
        var text = InputFile.ReadText(file, file, "kubectl error file", 64 * 1024);
        var line = text.Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "(empty)";
        return Text.Redaction.Echo(line);
    }

    private static string Where(string display, ReadOnlySpan<byte> bytes, long offset)
    {
        var before = bytes[..(int)Math.Min(offset, bytes.Length)];
        var line = before.Count((byte)'\n') + 1;
        var column = before.Length - (before.LastIndexOf((byte)'\n') + 1) + 1;
        return $"{display}: line {line}, column {column}";
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd(' ', '.');
    }
}
