using System.Collections.Immutable;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Model;
using PlatformMaturity.Rendering;
using PlatformMaturity.Tests.Shared;
using Xunit;

namespace PlatformMaturity.Core.Tests.Practices;

/// <summary>Graphs and lookups the practice tests share.</summary>
internal static class PracticeGraphs
{
    /// <summary>
    /// A composer whose platform runs the Prometheus operator (and, on azure, the Log Analytics workspace): the real
    /// monitoring practices where this build implements them, a stand-in with the same well-known names otherwise.
    /// </summary>
    public static readonly Composer WithMonitoring = BuildWithMonitoring();

    public static PlatformGraph ComposeWithMonitoring(PlatformConfig config) => WithMonitoring.Compose(config);

    public static KubernetesResource Object(this PlatformGraph graph, string kind, string? ns, string name) =>
        graph.Resources.OfType<KubernetesResource>().SingleOrDefault(r => r.Kind == kind && r.Namespace == ns && r.ObjectName == name)
        ?? throw new Xunit.Sdk.XunitException($"the graph has no {kind} {ns}/{name}");

    public static T Typed<T>(this PlatformGraph graph, string kind, string? ns, string name) where T : class =>
        Assert.IsType<T>(graph.Object(kind, ns, name).Object);

    public static HelmRelease Release(this PlatformGraph graph, string releaseName) =>
        graph.Resources.OfType<HelmRelease>().SingleOrDefault(r => r.ReleaseName == releaseName)
        ?? throw new Xunit.Sdk.XunitException($"the graph has no Helm release {releaseName}");

    public static bool HasRelease(this PlatformGraph graph, string releaseName) =>
        graph.Resources.OfType<HelmRelease>().Any(r => r.ReleaseName == releaseName);

    public static KubernetesCluster Cluster(this PlatformGraph graph) => Assert.IsType<KubernetesCluster>(graph.Resource(Foundation.ClusterName));

    public static PracticeStatus Status(this PlatformGraph graph, string practice) =>
        graph.Practices.SingleOrDefault(p => p.Practice == practice)
        ?? throw new Xunit.Sdk.XunitException($"{practice} is not in effect at Level {graph.Config.Level}");

    public static bool InEffect(this PlatformGraph graph, string practice) => graph.Practices.Any(p => p.Practice == practice);

    public static GraphComponent ComponentOf(this PlatformGraph graph, string practice) =>
        graph.Component(PracticeNames.Slug(practice)) ?? throw new Xunit.Sdk.XunitException($"no component for {practice}");

    /// <summary>Every schema error of the graph's Kubernetes objects.</summary>
    public static IReadOnlyList<string> SchemaErrors(this PlatformGraph graph) =>
        [.. graph.Resources.OfType<KubernetesResource>().SelectMany(r => SchemaValidator.ValidateYaml(Yaml.Of(r.Object)))];

    public static IDictionary<string, string> Labels(this KubernetesResource resource) => resource.Object.Metadata.Labels;

    private static Composer BuildWithMonitoring()
    {
        var model = MaturityModel.Default;
        var components = typeof(PracticeComponent).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(PracticeComponent)) && !t.IsAbstract)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (PracticeComponent)Activator.CreateInstance(t)!)
            .ToList();
        foreach (var practice in new[] { WellKnown.BasicPlatformMonitoring, WellKnown.AdvancedPlatformMonitoring })
        {
            if (components.All(c => c.Practice != practice))
                components.Add(new StandInMonitoring(practice));
        }
        return new Composer(model, new PracticeCatalog(components, model));
    }

    /// <summary>What the monitoring practices provide to others, under the names WellKnown gives them.</summary>
    private sealed class StandInMonitoring(string practice) : PracticeComponent
    {
        public override string Practice => practice;

        public override Implementation Implementation => Implementation.OnBothTargets("test stand-in: kube-prometheus-stack (and a Log Analytics workspace on azure)");

        public override void Build(ComponentBuilder component)
        {
            component.AddRelease(WellKnown.PrometheusStackRelease, WellKnown.MonitoringNamespace,
                new HelmChart("https://prometheus-community.github.io/helm-charts", "kube-prometheus-stack", "88.5.3"), HelmValues.Empty,
                providesApiGroups: ["monitoring.coreos.com"]);
            if (component.IsAzure)
            {
                component.Add(new LogAnalyticsWorkspace
                {
                    Name = WellKnown.LogAnalyticsWorkspace,
                    Provenance = component.Provenance,
                    ResourceGroup = Foundation.ResourceGroupName,
                    Location = component.Config.PrimaryRegion,
                });
            }
        }
    }
}
