using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.EventEmitters;

namespace PlatformMaturity.Rendering;

/// <summary>Deterministic YAML for everything the tool writes: Kubernetes objects, Helm values, descriptors.</summary>
public static partial class Yaml
{
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithQuotingNecessaryStrings(quoteYaml1_1Strings: true)
        .WithEventEmitter(next => new LiteralMultilineEmitter(next))
        .DisableAliases()
        .Build();

    /// <summary>A Kubernetes object as YAML, fields in the model's order.</summary>
    public static string Of(IKubernetesObject<V1ObjectMeta> obj) => Of(JsonNode.Parse(KubernetesJson.Serialize(obj)));

    public static string Of(JsonNode? node) => Serializer.Serialize(Plain(node));

    /// <summary>Plain dictionaries, lists and scalars (strings, booleans, numbers) as YAML.</summary>
    public static string OfPlain(object? value) => Serializer.Serialize(value);

    private static object? Plain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => obj.ToDictionary(p => p.Key, p => Plain(p.Value)),
        JsonArray array => array.Select(Plain).ToList(),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => Number(value.ToJsonString()),
            _ => null,
        },
        _ => throw new InvalidOperationException($"unexpected JSON node {node.GetType().Name}"),
    };

    private static object Number(string text) =>
        long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var whole)
            ? whole
            : double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Strings a YAML 1.1 reader (Helm's, through sigs.k8s.io/yaml) would turn into something else: dates and times
    /// (Loki's schema "from: 2024-04-01" would become a timestamp) and sexagesimal numbers such as 02:00.
    /// </summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^(\d{4}-\d{1,2}-\d{1,2}([Tt ].*)?|[-+]?\d+(:[0-5]?\d)+(\.\d*)?)$")]
    private static partial System.Text.RegularExpressions.Regex Yaml11Special();

    /// <summary>Writes multi-line strings as literal blocks (|), which people can read and diff.</summary>
    private sealed class LiteralMultilineEmitter(IEventEmitter next) : ChainedEventEmitter(next)
    {
        public override void Emit(ScalarEventInfo eventInfo, IEmitter emitter)
        {
            if (eventInfo.Source.Value is string s && s.Contains('\n'))
                eventInfo.Style = ScalarStyle.Literal;
            else if (eventInfo.Source.Value is string text && Yaml11Special().IsMatch(text))
                eventInfo.Style = ScalarStyle.DoubleQuoted;
            base.Emit(eventInfo, emitter);
        }
    }
}
