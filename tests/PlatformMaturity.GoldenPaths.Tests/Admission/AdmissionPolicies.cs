using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cel;
using k8s;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Practices.Security;

namespace PlatformMaturity.GoldenPaths.Tests.Admission;

/// <summary>A validation an object fails: the policy, its message (or the evaluation error) and what the binding does about it.</summary>
public sealed record PolicyViolation(string Policy, string Binding, string Message, IReadOnlyList<string> Actions)
{
    public override string ToString() => $"{Policy} ({string.Join(",", Actions)}): {Message}";
}

/// <summary>
/// The ValidatingAdmissionPolicies of a composed platform graph, with their bindings, evaluated the way the API server
/// does (https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/): match constraints
/// (resource rules, namespace and object selectors), the binding's match resources, params, match conditions,
/// variables in order, then every validation. Expressions are CEL, evaluated with the Cel package; the Kubernetes CEL
/// libraries our policies call are in <see cref="KubernetesCel"/>. An expression that cannot be evaluated is reported
/// as a violation whatever the failure policy, because a policy that never evaluates protects nothing.
/// </summary>
public sealed class AdmissionPolicies
{
    private readonly IReadOnlyList<JsonObject> _policies;
    private readonly IReadOnlyList<JsonObject> _bindings;
    private readonly IReadOnlyList<JsonObject> _objects;
    private readonly ConcurrentDictionary<string, CelProgramDelegate> _programs = new(StringComparer.Ordinal);
    private readonly ICelEnvironment _cel = KubernetesCel.Environment();

    private AdmissionPolicies(IReadOnlyList<JsonObject> objects)
    {
        _objects = objects;
        _policies = [.. objects.Where(o => Kind(o) == "ValidatingAdmissionPolicy")];
        _bindings = [.. objects.Where(o => Kind(o) == "ValidatingAdmissionPolicyBinding")];
    }

    /// <summary>
    /// Every Kubernetes object of the graph, as the API server would receive it: with the Azure outputs the Pulumi host
    /// fills in (the platform registry's login server is the test platforms' registry).
    /// </summary>
    public static AdmissionPolicies Of(PlatformGraph graph) =>
        new([.. graph.Resources.OfType<KubernetesResource>().Select(r => r.ToJson(r.TextFromAzure.IsEmpty ? null : [.. r.TextFromAzure.Select(FilledIn)]))]);

    private static string FilledIn(AzureRef output) =>
        output == AllowedRegistries.AzureLoginServer ? TestPlatforms.AzureRegistry
        // A workload identity's client id (e.g. the postgres-backup service account's): admission reads no policy from it.
        : output.Output == AzureOutput.ClientId ? "00000000-0000-4000-8000-00000000c11d"
        : throw new InvalidOperationException($"no test value for Azure output {output.Placeholder}");

    public IReadOnlyList<string> PolicyNames => [.. _policies.Select(Name)];

    /// <summary>An object of the graph (e.g. the Instrumentation of a namespace), or null.</summary>
    public JsonObject? Find(string apiVersion, string kind, string? @namespace, string? name = null) =>
        _objects.FirstOrDefault(o => Kind(o) == kind && o["apiVersion"]!.GetValue<string>() == apiVersion
            && Namespace(o) == @namespace && (name is null || Name(o) == name));

    /// <summary>The graph's objects in a namespace: what the platform itself places there.</summary>
    public IEnumerable<JsonObject> InNamespace(string @namespace) => _objects.Where(o => Namespace(o) == @namespace);

    public IEnumerable<JsonObject> All(string apiVersion, string kind, string? @namespace) =>
        _objects.Where(o => Kind(o) == kind && o["apiVersion"]!.GetValue<string>() == apiVersion && Namespace(o) == @namespace);

    /// <summary>The violations of a CREATE of <paramref name="obj"/> in its namespace.</summary>
    public IReadOnlyList<PolicyViolation> Evaluate(JsonObject obj)
    {
        var resource = ApiResource.Of(obj);
        var ns = Namespace(obj);
        var namespaceObject = ns is null ? null : NamespaceObject(ns);
        var violations = new List<PolicyViolation>();
        foreach (var binding in _bindings)
        {
            var policyName = binding["spec"]!["policyName"]!.GetValue<string>();
            var policy = _policies.FirstOrDefault(p => Name(p) == policyName);
            if (policy is null)
                continue; // a binding without its policy does nothing
            var spec = policy["spec"]!;
            var actions = binding["spec"]!["validationActions"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
            if (!Matches(spec["matchConstraints"], obj, resource, namespaceObject, requireRules: true)
                || !Matches(binding["spec"]!["matchResources"], obj, resource, namespaceObject, requireRules: false))
                continue;
            foreach (var param in Params(spec, binding["spec"]!, ns))
            {
                var variables = new Dictionary<string, object?>(StringComparer.Ordinal);
                var context = new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["object"] = Cel(obj),
                    ["oldObject"] = null,
                    ["params"] = param is null ? null : Cel(param),
                    ["namespaceObject"] = namespaceObject is null ? null : Cel(namespaceObject),
                    ["request"] = Request(obj, resource),
                    ["variables"] = variables,
                };
                var failed = Run(policyName, Name(binding), actions, context, spec, variables);
                violations.AddRange(failed);
            }
        }
        return violations;
    }

    private List<PolicyViolation> Run(string policy, string binding, List<string> actions, Dictionary<string, object?> context, JsonNode spec, Dictionary<string, object?> variables)
    {
        var violations = new List<PolicyViolation>();
        try
        {
            foreach (var condition in spec["matchConditions"]?.AsArray() ?? [])
            {
                if (!Bool(condition!["expression"]!.GetValue<string>(), context))
                    return violations;
            }
            foreach (var variable in spec["variables"]?.AsArray() ?? [])
                variables[variable!["name"]!.GetValue<string>()] = Eval(variable["expression"]!.GetValue<string>(), context);
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            violations.Add(new PolicyViolation(policy, binding, $"evaluation error: {e.Message}", actions));
            return violations;
        }
        foreach (var validation in spec["validations"]?.AsArray() ?? [])
        {
            var expression = validation!["expression"]!.GetValue<string>();
            try
            {
                if (!Bool(expression, context))
                    violations.Add(new PolicyViolation(policy, binding, validation["message"]?.GetValue<string>() ?? $"failed expression: {expression}", actions));
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                violations.Add(new PolicyViolation(policy, binding, $"evaluation error in '{expression}': {e.Message}", actions));
            }
        }
        return violations;
    }

    private object? Eval(string expression, IDictionary<string, object?> context) =>
        _programs.GetOrAdd(expression, e => _cel.Compile(e)).Invoke(context);

    private bool Bool(string expression, IDictionary<string, object?> context) =>
        Eval(expression, context) is bool b ? b : throw new InvalidOperationException($"'{expression}' is not a bool");

    /// <summary>A policy without paramKind runs once with no params; with one, once per param object the binding's paramRef selects.</summary>
    private IEnumerable<JsonObject?> Params(JsonNode policySpec, JsonNode bindingSpec, string? objectNamespace)
    {
        var paramKind = policySpec["paramKind"];
        if (paramKind is null)
            return [null];
        var paramRef = bindingSpec["paramRef"] ?? throw new InvalidOperationException("a policy with paramKind needs a binding with paramRef");
        var paramNamespace = paramRef["namespace"]?.GetValue<string>() ?? objectNamespace;
        var candidates = _objects.Where(o => o["apiVersion"]!.GetValue<string>() == paramKind["apiVersion"]!.GetValue<string>()
            && Kind(o) == paramKind["kind"]!.GetValue<string>()
            && (Namespace(o) is null || Namespace(o) == paramNamespace));
        var name = paramRef["name"]?.GetValue<string>();
        var selected = name is not null
            ? candidates.Where(o => Name(o) == name).ToList()
            : candidates.Where(o => Selects(paramRef["selector"], Labels(o))).ToList();
        // parameterNotFoundAction Deny (the default is nothing): the API server refuses the object.
        if (selected.Count == 0 && paramRef["parameterNotFoundAction"]?.GetValue<string>() == "Deny")
            throw new InvalidOperationException($"no params for {paramKind}");
        return selected;
    }

    private bool Matches(JsonNode? match, JsonObject obj, ApiResource resource, JsonObject? namespaceObject, bool requireRules)
    {
        if (match is null)
            return !requireRules;
        var rules = match["resourceRules"]?.AsArray();
        if (rules is not null && !rules.Any(r => Covers(r!, resource)))
            return false;
        if (rules is null && requireRules)
            return false;
        if (match["excludeResourceRules"]?.AsArray().Any(r => Covers(r!, resource)) == true)
            return false;
        // Cluster-scoped objects match every namespace selector; namespaced ones by their namespace's labels.
        if (namespaceObject is not null && !Selects(match["namespaceSelector"], Labels(namespaceObject)))
            return false;
        return Selects(match["objectSelector"], Labels(obj));
    }

    private static bool Covers(JsonNode rule, ApiResource resource)
    {
        static bool Has(JsonNode rule, string key, string value) =>
            rule[key]?.AsArray().Any(v => v!.GetValue<string>() is var s && (s == "*" || s == value)) == true;
        return Has(rule, "apiGroups", resource.Group) && Has(rule, "apiVersions", resource.Version)
            && Has(rule, "resources", resource.Plural) && Has(rule, "operations", "CREATE");
    }

    /// <summary>A label selector (matchLabels and matchExpressions); none selects everything.</summary>
    public static bool Selects(JsonNode? selector, IReadOnlyDictionary<string, string> labels)
    {
        if (selector is null)
            return true;
        foreach (var (key, value) in selector["matchLabels"]?.AsObject() ?? [])
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value!.GetValue<string>())
                return false;
        }
        foreach (var expression in selector["matchExpressions"]?.AsArray() ?? [])
        {
            var key = expression!["key"]!.GetValue<string>();
            var values = expression["values"]?.AsArray().Select(v => v!.GetValue<string>()).ToHashSet() ?? [];
            var present = labels.TryGetValue(key, out var actual);
            var ok = expression["operator"]!.GetValue<string>() switch
            {
                "In" => present && values.Contains(actual!),
                "NotIn" => !present || !values.Contains(actual!),
                "Exists" => present,
                "DoesNotExist" => !present,
                var op => throw new InvalidOperationException($"unknown selector operator {op}"),
            };
            if (!ok)
                return false;
        }
        return true;
    }

    /// <summary>The namespace as the API server has it: the graph's Namespace object, with the label it sets itself.</summary>
    private JsonObject NamespaceObject(string name)
    {
        var ns = (JsonObject?)Find("v1", "Namespace", null, name)?.DeepClone()
            ?? new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name } };
        var metadata = ns["metadata"]!.AsObject();
        if (metadata["labels"] is not JsonObject labels)
            metadata["labels"] = labels = [];
        labels["kubernetes.io/metadata.name"] = name;
        return ns;
    }

    private static Dictionary<string, object?> Request(JsonObject obj, ApiResource resource) => new(StringComparer.Ordinal)
    {
        ["operation"] = "CREATE",
        ["namespace"] = Namespace(obj),
        ["name"] = Name(obj),
        ["kind"] = new Dictionary<string, object?> { ["group"] = resource.Group, ["version"] = resource.Version, ["kind"] = Kind(obj) },
        ["resource"] = new Dictionary<string, object?> { ["group"] = resource.Group, ["version"] = resource.Version, ["resource"] = resource.Plural },
        ["userInfo"] = new Dictionary<string, object?> { ["username"] = "system:serviceaccount:kube-system:replicaset-controller" },
    };

    /// <summary>JSON as the Cel package's values: maps, lists, strings, int64, double, bool, null.</summary>
    public static object? Cel(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => o.ToDictionary(p => p.Key, p => Cel(p.Value), StringComparer.Ordinal),
        JsonArray a => a.Select(Cel).ToArray(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Null => null,
            // Integers are CEL int (int64), as the API server converts integer fields of the schema.
            _ => long.TryParse(v.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture),
        },
        _ => throw new InvalidOperationException($"unexpected JSON {node.ToJsonString()}"),
    };

    private static string Kind(JsonObject o) => o["kind"]!.GetValue<string>();

    private static string Name(JsonObject o) => o["metadata"]!["name"]!.GetValue<string>();

    private static string? Namespace(JsonObject o) => o["metadata"]?["namespace"]?.GetValue<string>();

    private static Dictionary<string, string> Labels(JsonObject o) =>
        o["metadata"]?["labels"]?.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal) ?? [];
}

/// <summary>Group, version and plural resource name of an object, as admission rules name them.</summary>
public sealed record ApiResource(string Group, string Version, string Plural)
{
    public static ApiResource Of(JsonObject obj)
    {
        var apiVersion = obj["apiVersion"]!.GetValue<string>();
        var slash = apiVersion.IndexOf('/');
        var (group, version) = slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
        // The plural resource name: lower-case kind + "s" holds for every kind these tests create, except those listed.
        var kind = obj["kind"]!.GetValue<string>();
        var plural = kind switch
        {
            "NetworkPolicy" => "networkpolicies",
            "PodDisruptionBudget" => "poddisruptionbudgets",
            _ => kind.ToLowerInvariant() + "s",
        };
        return new ApiResource(group, version, plural);
    }
}
