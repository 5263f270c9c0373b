using PlatformMaturity.Composition;
using PlatformMaturity.Graph;
using PlatformMaturity.PulumiHost.Mapping;

namespace PlatformMaturity.PulumiHost;

/// <summary>
/// What the program does inside Deployment.RunAsync: read and validate the stack's config, compose its platform
/// graph with the same composer pmctl uses, map the graph to Pulumi resources and return the stack outputs.
/// </summary>
public static class PlatformProgram
{
    public static IDictionary<string, object?> Run() => Provision().Outputs;

    /// <summary>Reads the stack, composes its graph and registers the graph's resources.</summary>
    public static MappedPlatform Provision() => Map(Composer.Default.Compose(StackConfigReader.Read()));

    /// <summary>Registers the graph's resources with the running deployment.</summary>
    public static MappedPlatform Map(PlatformGraph graph) => new GraphMapper(graph, new PulumiSecretConfig()).Map();
}
