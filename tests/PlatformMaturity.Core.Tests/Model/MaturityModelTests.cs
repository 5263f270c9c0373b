using PlatformMaturity.Model;

namespace PlatformMaturity.Core.Tests.Model;

/// <summary>How the model reads supersession and carrying (DESIGN.md §4).</summary>
public sealed class MaturityModelTests
{
    private static readonly MaturityModel Model = MaturityModel.Default;

    [Fact]
    public void Every_practice_a_level_stops_listing_is_superseded_or_carried()
    {
        for (var level = 2; level <= 5; level++)
        {
            var inEffect = Model.InEffectAt(level).Select(p => p.Practice.Name).ToHashSet();
            var superseded = Model.SupersededAt(level).Select(s => s.Practice.Name).ToHashSet();
            foreach (var practice in Model.InEffectAt(level - 1).Select(p => p.Practice))
                Assert.True(inEffect.Contains(practice.Name) ^ superseded.Contains(practice.Name), $"{practice.Name} at level {level}");
        }
    }

    [Theory]
    [InlineData(3, "Unrestricted Container Runtime", "Restricted Container Runtime")]
    [InlineData(3, "Basic Platform Monitoring", "Advanced Platform Monitoring")]
    [InlineData(3, "Basic Cluster Updates", "Automated Node Provisioning")]
    [InlineData(3, "Manual Application Scaling", "Basic Application Autoscaling")]
    [InlineData(2, "Unmanaged Cluster Resources", "Basic Resources Management")]
    [InlineData(4, "Basic Secrets Management", "Advanced Data Protection")]
    [InlineData(4, "Basic Application Autoscaling", "Advanced Application Autoscaling")]
    [InlineData(5, "Basic Access Management", "Advanced Access Management")]
    public void A_successor_listed_at_the_level_supersedes(int level, string practice, string successor) =>
        Assert.Contains(Model.SupersededAt(level), s => s.Practice.Name == practice && s.Successor.Name == successor);

    [Fact]
    public void A_level_supersedes_only_what_was_in_effect_just_below_it()
    {
        Assert.DoesNotContain(Model.SupersededAt(5), s => s.Practice.Name == "Unrestricted Container Runtime");
        Assert.Equal("Advanced Application Autoscaling", Model.SuccessorAt(Model.Practice("Manual Application Scaling"), 4)!.Name);
    }

    [Theory]
    [InlineData(3, "Basic Access Management")]
    [InlineData(4, "Basic Access Management")]
    [InlineData(2, "Kubernetes Built-in Resiliency")]
    [InlineData(5, "Kubernetes Built-in Resiliency")]
    public void A_practice_without_its_successor_at_the_level_is_carried(int level, string practice) =>
        Assert.Contains(Model.InEffectAt(level), p => p.Practice.Name == practice && p.Carried);

    [Fact]
    public void Level_1_has_exactly_its_nine_practices_in_effect()
    {
        var inEffect = Model.InEffectAt(1);
        Assert.Equal(9, inEffect.Length);
        Assert.All(inEffect, p => Assert.False(p.Carried));
    }

    [Fact]
    public void Identifiers_derive_from_names()
    {
        Assert.Equal("chaos-engineering-non-prod", Model.Practice("Chaos Engineering (non-prod)").Slug);
        Assert.Equal("KubernetesBuiltInResiliency", Model.Practice("Kubernetes Built-in Resiliency").TypeName);
        Assert.Equal(Model.Practices.Length, Model.Practices.Select(p => p.Slug).Distinct().Count());
    }

    [Fact]
    public void Rejects_a_successor_that_no_level_lists()
    {
        var yaml = "levels:\n  - number: 1\n    name: A\n    goal: g\n    practices:\n      Security: [X]\nsuccessors:\n  X: Y\n";
        var error = Assert.Throws<InvalidDataException>(() => MaturityModelLoader.Parse(yaml));
        Assert.Contains("'Y'", error.Message);
    }
}
