using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Practices.Security;

/// <summary>Basic Cluster Updates: AKS patch and node-image upgrades in the configured window; not applicable to an existing cluster.</summary>
public sealed class BasicClusterUpdatesTests
{
    private const string Practice = "Basic Cluster Updates";

    [Fact]
    public void On_azure_aks_upgrades_patches_and_node_images_in_the_configured_window()
    {
        var window = new MaintenanceWindowConfig("Saturday", "23:30", 6, "+01:00");
        var cluster = Compose(Azure(2) with { MaintenanceWindow = window }).Cluster();
        Assert.Equal("patch", cluster.AutomaticUpgradeChannel);
        Assert.Equal("NodeImage", cluster.NodeOsUpgradeChannel);
        var expected = new MaintenanceWindow("Weekly", 1, 6, "Saturday", "23:30", "+01:00");
        Assert.Equal(expected, cluster.MaintenanceWindowAutoUpgrade);
        Assert.Equal(expected, cluster.MaintenanceWindowNodeOs);
        Assert.Equal(Practice, cluster.ProvenanceOf("AutomaticUpgradeChannel").Source);
        Assert.Equal(Practice, cluster.ProvenanceOf("MaintenanceWindowNodeOs.DayOfWeek").Source);
    }

    [Fact]
    public void On_existing_it_is_not_applicable_and_says_why()
    {
        var graph = Compose(Existing(2));
        var status = graph.Status(Practice);
        Assert.Equal(PracticeState.NotApplicable, status.State);
        Assert.Contains("upgraded by whoever runs it", status.Detail);
        Assert.Null(status.ComponentId);
    }

    [Fact]
    public void Only_level_2_lists_it_and_level_1_upgrades_nothing_automatically()
    {
        Assert.Null(Compose(Azure(1)).Cluster().AutomaticUpgradeChannel);
        Assert.False(Compose(Azure(3)).InEffect(Practice));
    }
}
