using System.Collections.Immutable;
using PlatformMaturity.Composition;
using PlatformMaturity.Graph;
using Pulumi;
using K8s = Pulumi.Kubernetes;

namespace PlatformMaturity.PulumiHost.Mapping;

/// <summary>
/// A graph ConfigSecret as a Kubernetes Secret whose stringData comes from secret stack config: the values are
/// Pulumi secrets from config to cluster and never appear in plain text in state or output.
/// </summary>
internal static class ConfigSecretMapper
{
    public static K8s.Core.V1.Secret Map(ConfigSecret secret, MappingContext context, PlatformComponent parent) =>
        new(secret.Name, new K8s.Types.Inputs.Core.V1.SecretArgs
        {
            Metadata = new K8s.Types.Inputs.Meta.V1.ObjectMetaArgs
            {
                Name = secret.SecretName,
                Namespace = secret.Namespace,
                Labels = In.Map(StandardLabels.Apply(new Dictionary<string, string>(secret.Labels, StringComparer.Ordinal), context.Graph.Config, secret.Provenance)),
            },
            Type = secret.Type,
            StringData = StringData(secret, context.Secrets),
        }, context.Options(secret, parent, context.Providers.For(secret.Cluster)));

    /// <summary>Data key → secret config value (and the literals beside them), as one secret output.</summary>
    internal static Output<ImmutableDictionary<string, string>> StringData(ConfigSecret secret, ISecretSource secrets)
    {
        var keys = secret.Keys.ToList();
        return Output.All(keys.Select(k => secrets.Require(k.Value)))
            .Apply(values => keys.Select((k, i) => KeyValuePair.Create(k.Key, values[i]))
                .Concat(secret.Literals)
                .ToImmutableDictionary(StringComparer.Ordinal));
    }
}
