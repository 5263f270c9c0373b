using System.Collections.Immutable;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.PulumiHost.Mapping;
using Pulumi;
using Pulumi.Testing;

namespace PlatformMaturity.PulumiHost.Tests;

/// <summary>One run of the Pulumi program under Pulumi's test engine: what it registered and what it returned.</summary>
public sealed record TestDeployment(
    RecordingMocks Mocks,
    ImmutableArray<Resource> Resources,
    IDictionary<string, object?> Outputs,
    MappedPlatform Mapped)
{
    public static TestOptions Options(string stack) => new()
    {
        ProjectName = PulumiProject.Name,
        StackName = stack,
        // Not a preview: outputs resolve, so applied values (kubeconfig, ids) can be checked.
        IsPreview = false,
    };

    /// <summary>
    /// The graph resources Pulumi registers: all of them, except, once the GitOps hand-over is complete (Level 4), what
    /// Argo CD applies from the GitOps tree (Core's GitOpsDelivery decides, for pmctl and the program alike).
    /// </summary>
    public static IEnumerable<GraphResource> ByPulumi(PlatformGraph graph) =>
        graph.Resources.Where(r => PlatformMaturity.GitOps.GitOpsDelivery.ByPulumi(graph, r));

    /// <summary>Every registration a graph must cause: its components, the resources Pulumi applies, one provider per cluster (type, name).</summary>
    public static List<(string Type, string Name)> ExpectedRegistrations(PlatformGraph graph) =>
        [.. graph.Components.Select(c => (c.TypeToken, c.Id))
            .Concat(ByPulumi(graph).Select(r => (PulumiTypes.Of(r), r.Name)))
            .Concat(graph.Clusters.Select(c => (PulumiTypes.Provider, KubernetesProviders.NameFor(c))))
            .Order()];

    public List<(string Type, string Name)> Registrations => [.. Mocks.Registered.Select(r => (r.Type!, r.Name!)).Order()];

    /// <summary>Runs <paramref name="provision"/> (by default the program itself) in a test deployment of the stack.</summary>
    public static async Task<TestDeployment> RunAsync(string stack, Func<MappedPlatform>? provision = null)
    {
        var mocks = new RecordingMocks();
        MappedPlatform? mapped = null;
        var (resources, outputs) = await Deployment.TestAsync(mocks, Options(stack), () =>
        {
            mapped = (provision ?? PlatformProgram.Provision)();
            return mapped.Outputs;
        });
        return new TestDeployment(mocks, resources, outputs, mapped!);
    }
}
