using System.Text.Json.Nodes;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Tests.Shared;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Composition;

/// <summary>Every PrometheusRule the platform emits holds rules Prometheus accepts (checked by promtool where installed).</summary>
public sealed class PrometheusRuleTests
{
    [SkippableTheory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void Promtool_accepts_every_rule_group_of_level_3(DeploymentTarget target)
    {
        Skip.IfNot(Promtool.IsAvailable, Promtool.MissingReason);
        var rules = Compose(For(target, 3)).Resources.OfType<KubernetesResource>()
            .Where(r => r.Kind == "PrometheusRule")
            .Select(r => (CustomObject)r.Object)
            .ToList();
        Assert.NotEmpty(rules);
        using var dir = new TempDirectory();
        var files = rules.Select(rule =>
        {
            // A rules file is the PrometheusRule's spec: {groups: [...]}; JSON is valid YAML.
            var path = dir.Combine($"{rule.Metadata.Name}.yaml");
            File.WriteAllText(path, new JsonObject { ["groups"] = rule.Spec!["groups"]!.DeepClone() }.ToJsonString());
            return path;
        }).ToList();
        var (exitCode, output) = Promtool.CheckRules(files);
        Assert.True(exitCode == 0, output);
    }
}
