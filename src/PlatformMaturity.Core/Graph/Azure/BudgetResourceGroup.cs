using System.Collections.Immutable;

namespace PlatformMaturity.Graph.Azure;

/// <summary>
/// A cost budget on a resource group with alert notifications (Pulumi.Azure.Consumption.BudgetResourceGroup,
/// Pulumi.Azure 6.39: ResourceGroupId, Amount, TimeGrain, TimePeriod.StartDate, Notifications[].Operator/Threshold/
/// ThresholdType/ContactEmails). It holds no data: dropping it only stops the alerts. Budgets take no tags (the Args have
/// none), so <see cref="AzureResource.Tags"/> stays empty.
/// </summary>
public sealed record BudgetResourceGroup : AzureResource
{
    /// <summary>The budget's Azure name (unique per resource group).</summary>
    public required string BudgetName { get; init; }

    /// <summary>Graph name of the resource group the budget watches (its id is ResourceGroupId).</summary>
    public required string ResourceGroup { get; init; }

    /// <summary>The budget per time grain, in the billing currency.</summary>
    public required double Amount { get; init; }

    /// <summary>Monthly, Quarterly, Annually, BillingMonth, BillingQuarter or BillingAnnual.</summary>
    public string TimeGrain { get; init; } = "Monthly";

    /// <summary>First day of a month, yyyy-MM-01T00:00:00Z (Azure refuses other days); a fixed date so the graph is deterministic.</summary>
    public required string StartDate { get; init; }

    public required ImmutableArray<BudgetNotification> Notifications { get; init; }

    public override IEnumerable<string> References => [ResourceGroup];
}

/// <summary>One alert of a budget: at <paramref name="Threshold"/> percent of the amount, actual or forecast spend, mail the contacts.</summary>
/// <param name="Operator">EqualTo, GreaterThan or GreaterThanOrEqualTo.</param>
/// <param name="ThresholdType">Actual or Forecasted.</param>
public sealed record BudgetNotification(string Operator, int Threshold, string ThresholdType, ImmutableArray<string> ContactEmails);
