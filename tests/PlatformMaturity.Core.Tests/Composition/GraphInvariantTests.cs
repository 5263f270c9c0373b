using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Rendering;
using PlatformMaturity.Tests.Shared;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Composition;

/// <summary>What holds for every level on every target: order, provenance, determinism, practice status.</summary>
public sealed class GraphInvariantTests
{
    public static TheoryData<DeploymentTarget, int> Cases => AllLevelsAndTargets();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Components_come_after_everything_they_depend_on(DeploymentTarget target, int level)
    {
        var graph = Compose(For(target, level));
        var seen = new HashSet<string>();
        foreach (var component in graph.Components)
        {
            Assert.All(component.DependsOn, dep => Assert.Contains(dep, seen));
            var resourcesSeen = new HashSet<string>();
            foreach (var resource in component.Resources)
            {
                foreach (var dep in resource.DependsOn)
                    Assert.True(resourcesSeen.Contains(dep) || graph.Components.TakeWhile(c => c != component).Any(c => c.Resources.Any(r => r.Name == dep)),
                        $"{resource.Name} comes before its dependency {dep}");
                resourcesSeen.Add(resource.Name);
            }
            seen.Add(component.Id);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_practice_in_effect_has_a_status_and_none_is_silently_empty(DeploymentTarget target, int level)
    {
        var graph = Compose(For(target, level));
        Assert.Equal(PlatformMaturity.Composition.Composer.Default.InEffectAt(level).Select(p => p.Practice.Name), graph.Practices.Select(p => p.Practice));
        foreach (var practice in graph.Practices)
        {
            Assert.False(string.IsNullOrWhiteSpace(practice.Detail));
            if (practice.State != PracticeState.Implemented)
                continue;
            var component = graph.Component(practice.ComponentId!)!;
            Assert.True(component.Resources.Length + component.Contributions.Length + component.Notes.Length > 0,
                $"{practice.Practice} is implemented but its component has no resources, contributions or notes");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_same_config_renders_the_same_bytes(DeploymentTarget target, int level)
    {
        var first = ManifestRenderer.Render(Compose(For(target, level)));
        var second = ManifestRenderer.Render(Compose(For(target, level)));
        Assert.Equal(first.AsEnumerable(), second.AsEnumerable());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_rendered_object_validates_against_the_schemas(DeploymentTarget target, int level)
    {
        var graph = Compose(For(target, level));
        var errors = graph.Resources.OfType<KubernetesResource>()
            .SelectMany(r => SchemaValidator.ValidateYaml(Yaml.Of(r.Object)))
            .ToList();
        Assert.Empty(errors);
    }
}

internal static class Composition
{
    public static readonly PlatformMaturity.Model.MaturityModel TestModel = PlatformMaturity.Model.MaturityModel.Default;
}
