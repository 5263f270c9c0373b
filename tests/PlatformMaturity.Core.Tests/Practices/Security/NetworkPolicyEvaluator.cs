using k8s.Models;
using PlatformMaturity.Graph;

namespace PlatformMaturity.Core.Tests.Practices.Security;

/// <summary>A Service port and the pods behind it: what a connection targets (NetworkPolicies see the pods' port).</summary>
public sealed record Endpoint(string Namespace, string Service, int Port, IReadOnlyDictionary<string, string> Pods)
{
    public override string ToString() => $"{Namespace}/{Service}:{Port}";
}

/// <summary>Where a connection comes from: a namespace and the pod's labels; null labels: the sender picks any labels (a tenant).</summary>
public sealed record Source(string Namespace, IReadOnlyDictionary<string, string>? Labels = null);

/// <summary>
/// Evaluates Kubernetes NetworkPolicy ingress semantics (networking.k8s.io/v1) over rendered objects: a pod is isolated
/// for ingress when a policy with Ingress in policyTypes selects it; then a connection is allowed when any rule of any
/// selecting policy admits its source (namespaceSelector and/or podSelector; an empty or missing from admits all) and
/// port (missing ports admit all). Namespaces carry the kubernetes.io/metadata.name label the API server sets.
/// </summary>
public sealed class NetworkPolicyEvaluator
{
    private readonly IReadOnlyList<V1NetworkPolicy> _policies;
    private readonly Dictionary<string, IDictionary<string, string>> _namespaces;

    public NetworkPolicyEvaluator(IEnumerable<V1NetworkPolicy> policies, IEnumerable<V1Namespace> namespaces)
    {
        _policies = [.. policies];
        _namespaces = namespaces.ToDictionary(n => n.Metadata.Name, n =>
        {
            var labels = new Dictionary<string, string>(n.Metadata.Labels ?? new Dictionary<string, string>())
            {
                ["kubernetes.io/metadata.name"] = n.Metadata.Name,
            };
            return (IDictionary<string, string>)labels;
        });
    }

    public static NetworkPolicyEvaluator Of(PlatformGraph graph, params string[] extraNamespaces)
    {
        var objects = graph.Resources.OfType<KubernetesResource>().Select(r => r.Object).ToList();
        var namespaces = objects.OfType<V1Namespace>().ToList();
        namespaces.AddRange(extraNamespaces.Where(n => namespaces.All(ns => ns.Metadata.Name != n))
            .Select(n => new V1Namespace { Metadata = new V1ObjectMeta { Name = n } }));
        return new NetworkPolicyEvaluator(objects.OfType<V1NetworkPolicy>(), namespaces);
    }

    public bool NamespaceExists(string ns) => _namespaces.ContainsKey(ns);

    public bool Allows(Source source, Endpoint target)
    {
        var selecting = _policies.Where(p => p.Metadata.NamespaceProperty == target.Namespace
                                             && (p.Spec.PolicyTypes ?? ["Ingress"]).Contains("Ingress")
                                             && Matches(p.Spec.PodSelector, target.Pods)).ToList();
        if (selecting.Count == 0)
            return true;
        return selecting.SelectMany(p => p.Spec.Ingress ?? []).Any(rule => PortMatches(rule, target.Port) && FromMatches(rule, source, target.Namespace));
    }

    /// <summary>
    /// Egress semantics: a pod is isolated for egress when a policy with Egress in policyTypes selects it in its own
    /// namespace; then a connection leaves only when a rule of a selecting policy admits the destination and port. An
    /// in-cluster destination (<paramref name="target"/>) matches namespace/pod selectors; an address outside the cluster
    /// (<paramref name="external"/>) matches only ipBlock peers (cidr, minus except). Peers with an ipBlock never match a
    /// pod here unless the block is everything: the allow-lists name addresses outside the cluster.
    /// </summary>
    public bool EgressAllows(Source source, Endpoint? target, System.Net.IPAddress? external, int port, string protocol = "TCP")
    {
        var labels = source.Labels ?? new Dictionary<string, string>();
        var selecting = _policies.Where(p => p.Metadata.NamespaceProperty == source.Namespace
                                             && (p.Spec.PolicyTypes ?? []).Contains("Egress")
                                             && Matches(p.Spec.PodSelector, labels)).ToList();
        if (selecting.Count == 0)
            return true;
        return selecting.SelectMany(p => p.Spec.Egress ?? []).Any(rule =>
            (rule.Ports is not { Count: > 0 } ports || ports.Any(p => (p.Protocol ?? "TCP") == protocol
                && (p.Port is null || (int.TryParse(p.Port.Value, out var n) && (n == port || (p.EndPort is { } end && port >= n && port <= end))))))
            && (rule.To is not { Count: > 0 } peers || peers.Any(peer => ToMatches(peer, source, target, external))));
    }

    /// <summary>A connection from <paramref name="source"/> to a pod behind <paramref name="target"/>: its egress and the target's ingress both allow it.</summary>
    public bool Reaches(Source source, Endpoint target, string protocol = "TCP") =>
        EgressAllows(source, target, null, target.Port, protocol) && (protocol != "TCP" || Allows(source, target));

    private bool ToMatches(V1NetworkPolicyPeer peer, Source source, Endpoint? target, System.Net.IPAddress? external)
    {
        if (peer.IpBlock is { } block)
        {
            if (external is null)
                return block.Cidr is "0.0.0.0/0" or "::/0";
            return System.Net.IPNetwork.Parse(block.Cidr).Contains(external)
                   && !(block.Except ?? []).Any(e => System.Net.IPNetwork.Parse(e).Contains(external));
        }
        if (target is null)
            return false;
        var inNamespace = peer.NamespaceSelector is { } nsSelector
            ? _namespaces.TryGetValue(target.Namespace, out var nsLabels) && Matches(nsSelector, nsLabels)
            : target.Namespace == source.Namespace;
        return inNamespace && (peer.PodSelector is null || Matches(peer.PodSelector, target.Pods));
    }

    private static bool PortMatches(V1NetworkPolicyIngressRule rule, int port) =>
        rule.Ports is not { Count: > 0 } ports
        || ports.Any(p => (p.Protocol ?? "TCP") == "TCP"
                          && (p.Port is null || (int.TryParse(p.Port.Value, out var n) && (n == port || (p.EndPort is { } end && port >= n && port <= end)))));

    private bool FromMatches(V1NetworkPolicyIngressRule rule, Source source, string targetNamespace)
    {
        if (rule.FromProperty is not { Count: > 0 } peers)
            return true;
        return peers.Any(peer =>
        {
            if (peer.IpBlock is not null)
                return true; // whether pod IPs match an ipBlock depends on the CNI: count it as reachable
            var inNamespace = peer.NamespaceSelector is { } nsSelector
                ? _namespaces.TryGetValue(source.Namespace, out var labels) && Matches(nsSelector, labels)
                : source.Namespace == targetNamespace;
            if (!inNamespace)
                return false;
            return peer.PodSelector is null || source.Labels is null || Matches(peer.PodSelector, source.Labels);
        });
    }

    public static bool Matches(V1LabelSelector? selector, IEnumerable<KeyValuePair<string, string>> labels)
    {
        if (selector is null)
            return true;
        var set = labels.ToDictionary(l => l.Key, l => l.Value);
        if (selector.MatchLabels is { } matchLabels && matchLabels.Any(l => !set.TryGetValue(l.Key, out var v) || v != l.Value))
            return false;
        return (selector.MatchExpressions ?? []).All(e => e.OperatorProperty switch
        {
            "In" => set.TryGetValue(e.Key, out var v) && e.Values.Contains(v),
            "NotIn" => !set.TryGetValue(e.Key, out var v) || !e.Values.Contains(v),
            "Exists" => set.ContainsKey(e.Key),
            "DoesNotExist" => !set.ContainsKey(e.Key),
            _ => throw new InvalidOperationException($"unknown selector operator {e.OperatorProperty}"),
        });
    }
}
