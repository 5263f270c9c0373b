using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Rendering;
using PlatformMaturity.Tests.Shared;

namespace PlatformMaturity.Core.Tests.Composition;

/// <summary>The example stacks in stacks/ at Levels 2 to 5: they validate, render deterministically and kustomize builds them.</summary>
public sealed class ExampleStackTests
{
    public static TheoryData<string, int, DeploymentTarget> Examples => new()
    {
        { "l2-existing", 2, DeploymentTarget.Existing },
        { "l2-azure", 2, DeploymentTarget.Azure },
        { "l3-existing", 3, DeploymentTarget.Existing },
        { "l3-azure", 3, DeploymentTarget.Azure },
        { "l4-existing", 4, DeploymentTarget.Existing },
        { "l4-azure", 4, DeploymentTarget.Azure },
        { "l5-existing", 5, DeploymentTarget.Existing },
        { "l5-azure", 5, DeploymentTarget.Azure },
    };

    private static PlatformConfig Load(string stack) =>
        PlatformConfigParser.ParseOrThrow(StackFile.Read(StackFile.PathFor(TestPaths.Stacks, stack), stack), stack);

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_example_validates_with_its_level_and_target(string stack, int level, DeploymentTarget target)
    {
        var config = Load(stack);
        Assert.Equal(level, config.Level);
        Assert.Equal(target, config.Target);
        Assert.NotEmpty(config.Tenants);
        Assert.All(config.Tenants, t => Assert.NotNull(t.Group));
    }

    [Fact]
    public void Every_stack_file_in_stacks_validates()
    {
        foreach (var file in Directory.EnumerateFiles(TestPaths.Stacks, "Pulumi.*.yaml"))
        {
            var stack = Path.GetFileName(file)[StackFile.Prefix.Length..^StackFile.Extension.Length];
            Assert.True(PlatformConfigParser.Parse(StackFile.Read(file, stack)).IsValid, $"{file} does not validate");
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_example_renders_the_same_bytes_twice_and_every_object_validates(string stack, int level, DeploymentTarget target)
    {
        _ = (level, target);
        var config = Load(stack);
        var first = ManifestRenderer.Render(Composer.Default.Compose(config));
        Assert.Equal(first.AsEnumerable(), ManifestRenderer.Render(Composer.Default.Compose(config)).AsEnumerable());
        var errors = first.Where(f => f.Path.EndsWith(".yaml", StringComparison.Ordinal) && !IsTreeFile(f.Path))
            .SelectMany(f => SchemaValidator.ValidateYaml(f.Content)).ToList();
        Assert.Empty(errors);
    }

    [SkippableTheory]
    [MemberData(nameof(Examples))]
    public void Kubectl_kustomize_builds_the_rendered_tree(string stack, int level, DeploymentTarget target)
    {
        _ = (level, target);
        Skip.IfNot(Kubectl.IsAvailable, Kubectl.MissingReason);
        using var dir = new TempDirectory();
        var graph = Composer.Default.Compose(Load(stack));
        foreach (var file in ManifestRenderer.Render(graph))
        {
            var path = dir.Combine(file.Path.Split('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Content);
        }
        var (exitCode, output, error) = Kubectl.Kustomize(dir.Path);
        Assert.True(exitCode == 0, error);
        var built = YamlDocuments.Parse(output).Where(d => d is not null).ToList();
        Assert.Equal(graph.Resources.OfType<KubernetesResource>().Count(r => r.Cluster == ClusterRef.PrimaryKey), built.Count);
    }

    /// <summary>Files of the tree that are not Kubernetes objects: kustomizations, release descriptors and Helm values.</summary>
    private static bool IsTreeFile(string path) =>
        path.EndsWith(ManifestRenderer.KustomizationFile, StringComparison.Ordinal)
        || path.EndsWith("/" + ManifestRenderer.ReleaseFile, StringComparison.Ordinal)
        || path.EndsWith("/" + ManifestRenderer.ValuesFile, StringComparison.Ordinal);
}
