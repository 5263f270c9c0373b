using k8s.Models;
using PlatformMaturity.Config;
using PlatformMaturity.Practices.Efficiency;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Practices.Efficiency;

/// <summary>Basic Resources Management: a quota by tier and default container resources per tenant, from Level 2.</summary>
public sealed class BasicResourcesManagementTests
{
    [Theory]
    [InlineData(DeploymentTarget.Existing, 2)]
    [InlineData(DeploymentTarget.Azure, 2)]
    [InlineData(DeploymentTarget.Azure, 3)]
    public void Each_tenant_gets_a_quota_sized_by_its_tier(DeploymentTarget target, int level)
    {
        var graph = Compose(For(target, level));
        var small = graph.Typed<V1ResourceQuota>("ResourceQuota", "team-a", BasicResourcesManagement.QuotaName).Spec.Hard;
        var large = graph.Typed<V1ResourceQuota>("ResourceQuota", "team-b", BasicResourcesManagement.QuotaName).Spec.Hard;
        Assert.Equal("2", small["requests.cpu"].ToString());
        Assert.Equal("4Gi", small["requests.memory"].ToString());
        Assert.Equal("8", large["requests.cpu"].ToString());
        Assert.Equal("100", large["pods"].ToString());
        // No stateful workloads before Level 4.
        Assert.Equal("0", small["persistentvolumeclaims"].ToString());
    }

    [Fact]
    public void Containers_without_resources_get_default_requests_and_limits()
    {
        var range = Compose(Existing(2)).Typed<V1LimitRange>("LimitRange", "team-b", BasicResourcesManagement.LimitRangeName);
        var item = Assert.Single(range.Spec.Limits);
        Assert.Equal("Container", item.Type);
        Assert.Equal("100m", item.DefaultRequest["cpu"].ToString());
        Assert.Equal("512Mi", item.DefaultProperty["memory"].ToString());
    }

    [Fact]
    public void Level_1_limits_nothing()
    {
        Assert.DoesNotContain(Compose(Existing(1)).Resources, r => r.Kind is "ResourceQuota" or "LimitRange");
    }
}
