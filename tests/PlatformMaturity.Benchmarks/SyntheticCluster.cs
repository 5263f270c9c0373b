using System.Text;
using System.Text.Json;

namespace PlatformMaturity.Benchmarks;

/// <summary>
/// Writes a large cluster snapshot as kubectl would (one List): per tenant namespace, Pods (the bulk, each with a
/// realistic spec and status), ReplicaSets, Deployments, Services, ConfigMaps, Secrets, Events, RoleBindings,
/// quotas and NetworkPolicies, plus nodes and a monitoring stack. Deterministic for a given size.
/// </summary>
public static class SyntheticCluster
{
    public static void WriteJson(string path, int objects)
    {
        using var stream = File.Create(path);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteString("apiVersion", "v1");
        writer.WriteStartArray("items");
        foreach (var item in Items(objects))
            JsonSerializer.Serialize(writer, item);
        writer.WriteEndArray();
        writer.WriteString("kind", "List");
        writer.WriteStartObject("metadata");
        writer.WriteString("resourceVersion", "");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>The same objects as YAML (kubectl -o yaml style, JSON-compatible flow where simpler).</summary>
    public static void WriteYaml(string path, int objects)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.Write("apiVersion: v1\nkind: List\nmetadata:\n  resourceVersion: \"\"\nitems:\n");
        foreach (var item in Items(objects))
            Yaml(writer, item, 1, listItem: true);
    }

    private static void Yaml(StreamWriter w, object? value, int indent, bool listItem = false)
    {
        var pad = new string(' ', indent * 2);
        switch (value)
        {
            case Dictionary<string, object?> map:
                var first = true;
                foreach (var (k, v) in map)
                {
                    var prefix = listItem && first ? pad[..^2] + "- " : pad;
                    first = false;
                    if (v is Dictionary<string, object?> { Count: > 0 } or List<object?> { Count: > 0 })
                    {
                        w.Write($"{prefix}{k}:\n");
                        Yaml(w, v, v is List<object?> ? indent : indent + 1);
                    }
                    else
                    {
                        w.Write($"{prefix}{k}: {Scalar(v)}\n");
                    }
                }
                break;
            case List<object?> list:
                foreach (var item in list)
                {
                    if (item is Dictionary<string, object?> { Count: > 0 })
                        Yaml(w, item, indent + 1, listItem: true);
                    else
                        w.Write($"{pad}- {Scalar(item)}\n");
                }
                break;
        }
    }

    private static string Scalar(object? v) => v switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        int or long => v.ToString()!,
        Dictionary<string, object?> => "{}",
        List<object?> => "[]",
        _ => JsonSerializer.Serialize(v.ToString()),
    };

    public static IEnumerable<Dictionary<string, object?>> Items(int objects)
    {
        var produced = 0;
        for (var n = 0; n < 10; n++)
        {
            yield return Obj("v1", "Node", null, $"aks-pool-{n}", new() { ["topology.kubernetes.io/zone"] = $"westeurope-{n % 3 + 1}" });
            produced++;
        }
        var tenant = 0;
        while (produced < objects)
        {
            var ns = $"team-{tenant++:0000}";
            var batch = new List<Dictionary<string, object?>>
            {
                Obj("v1", "Namespace", null, ns, new() { ["pod-security.kubernetes.io/enforce"] = "restricted" }),
                WithSpec(Obj("rbac.authorization.k8s.io/v1", "RoleBinding", ns, "developers", null), "roleRef", new Dictionary<string, object?> { ["kind"] = "ClusterRole", ["name"] = "edit" },
                    "subjects", new List<object?> { new Dictionary<string, object?> { ["kind"] = "Group", ["name"] = $"{ns}-devs" } }),
                Obj("v1", "ResourceQuota", ns, "compute", null),
                Obj("v1", "LimitRange", ns, "defaults", null),
                WithSpec(Obj("networking.k8s.io/v1", "NetworkPolicy", ns, "deny-all", null), "spec", new Dictionary<string, object?> { ["podSelector"] = new Dictionary<string, object?>(), ["policyTypes"] = new List<object?> { "Ingress" } }),
            };
            for (var app = 0; app < 4; app++)
            {
                var name = $"svc-{app}";
                batch.Add(WithSpec(Obj("apps/v1", "Deployment", ns, name, new() { ["app.kubernetes.io/name"] = name }), "spec", PodTemplate(name, ns)));
                batch.Add(Obj("apps/v1", "ReplicaSet", ns, $"{name}-7d9c6b5f4", new() { ["app.kubernetes.io/name"] = name }));
                batch.Add(Obj("v1", "Service", ns, name, new() { ["app.kubernetes.io/name"] = name }));
                batch.Add(Obj("v1", "ConfigMap", ns, $"{name}-config", null));
                var secret = Obj("v1", "Secret", ns, $"{name}-credentials", null);
                secret["data"] = new Dictionary<string, object?> { ["password"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"p@ss-{ns}-{app}")) };
                batch.Add(secret);
                for (var replica = 0; replica < 3; replica++)
                {
                    var pod = WithSpec(Obj("v1", "Pod", ns, $"{name}-7d9c6b5f4-{replica:x5}", new() { ["app.kubernetes.io/name"] = name }), "spec", ((Dictionary<string, object?>)PodTemplate(name, ns)["template"]!)["spec"]!);
                    pod["status"] = new Dictionary<string, object?> { ["phase"] = "Running", ["podIP"] = $"10.244.{tenant % 250}.{replica + app * 3}", ["conditions"] = new List<object?> { new Dictionary<string, object?> { ["type"] = "Ready", ["status"] = "True" } } };
                    batch.Add(pod);
                    batch.Add(Obj("v1", "Event", ns, $"{name}-7d9c6b5f4-{replica:x5}.17d2c3b4", null));
                }
            }
            foreach (var item in batch)
            {
                if (produced++ >= objects)
                    yield break;
                yield return item;
            }
        }
    }

    private static Dictionary<string, object?> PodTemplate(string name, string ns) => new()
    {
        ["replicas"] = 3,
        ["selector"] = new Dictionary<string, object?> { ["matchLabels"] = new Dictionary<string, object?> { ["app.kubernetes.io/name"] = name } },
        ["template"] = new Dictionary<string, object?>
        {
            ["spec"] = new Dictionary<string, object?>
            {
                ["containers"] = new List<object?>
                {
                    new Dictionary<string, object?>
                    {
                        ["name"] = name,
                        ["image"] = $"acme.azurecr.io/{ns}/{name}:3f9c2d1e8b7a",
                        ["ports"] = new List<object?> { new Dictionary<string, object?> { ["containerPort"] = 8080 } },
                        ["resources"] = new Dictionary<string, object?> { ["requests"] = new Dictionary<string, object?> { ["cpu"] = "100m", ["memory"] = "128Mi" }, ["limits"] = new Dictionary<string, object?> { ["memory"] = "256Mi" } },
                        ["readinessProbe"] = new Dictionary<string, object?> { ["httpGet"] = new Dictionary<string, object?> { ["path"] = "/ready", ["port"] = 8080 } },
                        ["livenessProbe"] = new Dictionary<string, object?> { ["httpGet"] = new Dictionary<string, object?> { ["path"] = "/live", ["port"] = 8080 } },
                        ["securityContext"] = new Dictionary<string, object?> { ["runAsNonRoot"] = true, ["allowPrivilegeEscalation"] = false },
                    },
                },
            },
        },
    };

    private static Dictionary<string, object?> Obj(string apiVersion, string kind, string? ns, string name, Dictionary<string, object?>? labels)
    {
        var metadata = new Dictionary<string, object?> { ["name"] = name, ["uid"] = $"{Math.Abs(HashCode.Combine(kind.Length, name.Length, ns?.Length ?? 0)):x8}-0000-4000-8000-000000000000", ["resourceVersion"] = "123456", ["creationTimestamp"] = "2026-11-02T09:14:00Z" };
        if (ns is not null)
            metadata["namespace"] = ns;
        if (labels is not null)
            metadata["labels"] = labels;
        return new Dictionary<string, object?> { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = metadata };
    }

    private static Dictionary<string, object?> WithSpec(Dictionary<string, object?> obj, string key, object value, string? key2 = null, object? value2 = null)
    {
        obj[key] = value;
        if (key2 is not null)
            obj[key2] = value2;
        return obj;
    }
}
