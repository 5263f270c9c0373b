using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.EventEmitters;
using YamlDotNet.Serialization.NamingConventions;
using YamlDotNet.Serialization.TypeInspectors;
using YamlDotNet.Serialization.TypeResolvers;

namespace PlatformMaturity.Rendering;

/// <summary>
/// Deterministic YAML for everything the tool writes: Kubernetes objects, Helm values, descriptors. The events
/// YamlDotNet's serializer would emit (its scalar typing and quoting: <see cref="TypeAssigningEventEmitter"/>) are sent
/// straight from the JSON or the plain values, without its reflection over every dictionary and list: a Level 5 render
/// writes thousands of objects.
/// </summary>
public static partial class Yaml
{
    private static readonly IEventEmitter Events = new LiteralMultilineEmitter(new TypeAssigningEventEmitter(
        new WriterEventEmitter(), new Dictionary<Type, TagName>(), quoteNecessaryStrings: true, quoteYaml1_1Strings: true,
        ScalarStyle.Any, YamlFormatter.Default, NullNamingConvention.Instance, new ReadablePropertiesTypeInspector(new DynamicTypeResolver())));

    /// <summary>A Kubernetes object as YAML, fields in the model's order.</summary>
    public static string Of(IKubernetesObject<V1ObjectMeta> obj)
    {
        using var json = JsonDocument.Parse(KubernetesJson.Serialize(obj));
        return Document(emitter => Write(json.RootElement, emitter));
    }

    public static string Of(JsonNode? node)
    {
        if (node is null)
            return OfPlain(null);
        using var json = JsonDocument.Parse(node.ToJsonString());
        return Document(emitter => Write(json.RootElement, emitter));
    }

    /// <summary>Plain dictionaries, lists and scalars (strings, booleans, numbers) as YAML.</summary>
    public static string OfPlain(object? value) => Document(emitter => Write(value, emitter));

    private static string Document(Action<IEmitter> write)
    {
        var text = new StringWriter();
        var emitter = new Emitter(text, EmitterSettings.Default);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        write(emitter);
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    private static void Write(JsonElement element, IEmitter emitter)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                Events.Emit(new MappingStartEventInfo(Describe(element)), emitter);
                foreach (var property in element.EnumerateObject())
                {
                    Scalar(property.Name, emitter);
                    Write(property.Value, emitter);
                }
                Events.Emit(new MappingEndEventInfo(Describe(element)), emitter);
                break;
            case JsonValueKind.Array:
                Events.Emit(new SequenceStartEventInfo(Describe(element)), emitter);
                foreach (var item in element.EnumerateArray())
                    Write(item, emitter);
                Events.Emit(new SequenceEndEventInfo(Describe(element)), emitter);
                break;
            case JsonValueKind.String:
                Scalar(element.GetString(), emitter);
                break;
            case JsonValueKind.True or JsonValueKind.False:
                Scalar(element.GetBoolean(), emitter);
                break;
            case JsonValueKind.Number:
                Scalar(Number(element.GetRawText()), emitter);
                break;
            default:
                Scalar(null, emitter);
                break;
        }
    }

    private static void Write(object? value, IEmitter emitter)
    {
        switch (value)
        {
            case null or string or bool or int or long or double:
                Scalar(value, emitter);
                break;
            case IDictionary dictionary:
                Events.Emit(new MappingStartEventInfo(Describe(dictionary)), emitter);
                foreach (DictionaryEntry entry in dictionary)
                {
                    Write(entry.Key, emitter);
                    Write(entry.Value, emitter);
                }
                Events.Emit(new MappingEndEventInfo(Describe(dictionary)), emitter);
                break;
            case IEnumerable list:
                Events.Emit(new SequenceStartEventInfo(Describe(list)), emitter);
                foreach (var item in list)
                    Write(item, emitter);
                Events.Emit(new SequenceEndEventInfo(Describe(list)), emitter);
                break;
            default:
                throw new ArgumentException($"unsupported plain value type {value.GetType().Name}", nameof(value));
        }
    }

    private static void Scalar(object? value, IEmitter emitter) =>
        Events.Emit(new ScalarEventInfo(new ObjectDescriptor(value, value?.GetType() ?? typeof(object), typeof(object))), emitter);

    private static ObjectDescriptor Describe(object collection) => new(collection, collection.GetType(), typeof(object));

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
    internal sealed class LiteralMultilineEmitter(IEventEmitter next) : ChainedEventEmitter(next)
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
