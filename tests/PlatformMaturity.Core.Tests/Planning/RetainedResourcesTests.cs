using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Planning;
using static PlatformMaturity.Core.Tests.Planning.PlanTestStacks;

namespace PlatformMaturity.Core.Tests.Planning;

/// <summary>
/// Azure resources whose deletion loses data are retained (left in Azure when the graph drops them), and plans and
/// downgrades say so instead of calling them destroyed.
/// </summary>
public sealed class RetainedResourcesTests
{
    /// <summary>The record types that hold data nothing recreates (or, for the group, contain such resources).</summary>
    private static readonly HashSet<Type> DataHolding =
        [typeof(ResourceGroup), typeof(StorageAccount), typeof(StorageContainer), typeof(KeyVault), typeof(ContainerRegistry), typeof(LogAnalyticsWorkspace)];

    private static readonly int[] DowngradeTargets = [1, 2, 3, 4];

    public static TheoryData<int> AzureDowngrades => [.. DowngradeTargets];

    private static PlatformGraph Graph(int level) =>
        Composer.Default.Compose(PlatformConfigParser.ParseOrThrow(Raw(DeploymentTarget.Azure, level, attested: true, resilient: true), "test"));

    private static UpgradePlan Downgrade(int to) =>
        UpgradePlanner.Default.Plan(Raw(DeploymentTarget.Azure, to + 1, attested: true, resilient: true), new PlanRequest(to, [])).Plan;

    [Fact]
    public void Data_holding_Azure_resources_are_retained_and_the_cluster_pools_and_identities_are_not()
    {
        var resources = Enumerable.Range(1, 5).SelectMany(level => Graph(level).Resources.OfType<AzureResource>()).ToList();
        // Every data-holding kind is composed at some level, so the check below covers each of them.
        Assert.Subset(resources.Select(r => r.GetType()).ToHashSet(), DataHolding);
        Assert.Contains(resources, r => r is KubernetesCluster);
        foreach (var resource in resources)
            Assert.True(DataHolding.Contains(resource.GetType()) == resource.RetainOnDelete, $"{resource.Kind} {resource.Name}: RetainOnDelete {resource.RetainOnDelete}");
    }

    [Fact]
    public void A_record_may_turn_retention_off_and_the_default_is_per_type()
    {
        var account = new StorageAccount { Name = "scratch", Provenance = new Provenance("test", 1), ResourceGroup = "rg", Location = "westeurope" };
        Assert.True(account.RetainOnDelete);
        Assert.False((account with { RetainOnDelete = false }).RetainOnDelete);
        Assert.False(new UserAssignedIdentity { Name = "id", Provenance = account.Provenance, ResourceGroup = "rg", Location = "westeurope" }.RetainOnDelete);
    }

    [Theory]
    [MemberData(nameof(AzureDowngrades))]
    public void A_downgrade_retains_what_holds_data_and_destroys_the_rest(int to)
    {
        var before = Graph(to + 1).Resources.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var plan = Downgrade(to);
        var removed = plan.Changes.Where(c => c.Kind == ChangeKind.Remove).ToList();
        foreach (var change in removed)
            Assert.Equal(before[change.Resource] is AzureResource { RetainOnDelete: true }, change.Retained);

        var retained = removed.Where(c => c.Retained).Select(c => c.Resource).ToList();
        var destroyed = removed.Where(c => !c.Retained).Select(c => c.Resource).ToList();
        AssertRisk(plan, "resources-destroyed", destroyed);
        AssertRisk(plan, "resources-retained", retained);
        if (retained.Count > 0)
        {
            Assert.Contains($"{removed.Count} removed, {retained.Count} of them {ResourceChange.RetainedText};", plan.Summary);
            Assert.Contains(ResourceChange.RetainedText, plan.Risks.Single(r => r.Id == "resources-retained").Description);
            Assert.DoesNotContain("destroyed,", plan.Risks.Single(r => r.Id == "resources-retained").Description);
        }
        else
        {
            Assert.DoesNotContain(ResourceChange.RetainedText, plan.Summary);
        }
    }

    [Fact]
    public void Some_azure_downgrade_drops_a_retained_resource_so_the_texts_are_exercised()
    {
        var retained = DowngradeTargets.SelectMany(to => Downgrade(to).Changes.Where(c => c.Retains)).ToList();
        Assert.Contains(retained, c => c.ResourceKind == "azure:" + nameof(StorageAccount));
        Assert.Contains(retained, c => c.ResourceKind == "azure:" + nameof(StorageContainer));
    }

    [Theory]
    [MemberData(nameof(AzureDowngrades))]
    public void The_removal_steps_say_a_retained_resource_is_left_in_Azure(int to)
    {
        var plan = Downgrade(to);
        foreach (var change in plan.Changes.Where(c => c.Kind == ChangeKind.Remove))
        {
            var step = Assert.Single(plan.Steps, s => s.Resources.Contains(change.Resource));
            Assert.StartsWith("Remove ", step.Title);
            var verify = Assert.Single(step.Verify, v => v.Contains($"'::{change.Resource}$'"));
            Assert.Equal(change.Retained, verify.Contains(ResourceChange.RetainedText + ", not destroyed"));
        }
    }

    [Fact]
    public void Risks_separate_destroyed_from_retained_removals()
    {
        var by = new Provenance("test", 1);
        var release = new ResourceChange(ChangeKind.Remove, "velero", "HelmRelease", "c", by, []);
        var account = new ResourceChange(ChangeKind.Remove, "backups", "azure:StorageAccount", "c", by, [], Retained: true);
        var risks = Risks.Find([release, account], [], []);
        Assert.Equal(["velero"], risks.Single(r => r.Id == "resources-destroyed").Resources.AsEnumerable());
        var kept = risks.Single(r => r.Id == "resources-retained");
        Assert.Equal(["backups"], kept.Resources.AsEnumerable());
        Assert.StartsWith($"1 resource is {ResourceChange.RetainedText}, not destroyed", kept.Description);

        Assert.DoesNotContain(Risks.Find([account], [], []), r => r.Id == "resources-destroyed");
        Assert.DoesNotContain(Risks.Find([release], [], []), r => r.Id == "resources-retained");
    }

    private static void AssertRisk(UpgradePlan plan, string id, List<string> resources)
    {
        if (resources.Count > 0)
            Assert.Equal(resources.Order(StringComparer.Ordinal), plan.Risks.Single(r => r.Id == id).Resources.Order(StringComparer.Ordinal));
        else
            Assert.DoesNotContain(plan.Risks, r => r.Id == id);
    }
}
