using PlatformMaturity.Graph.Azure;
using PulumiAzure = Pulumi.Azure;
using ConsumptionInputs = Pulumi.Azure.Consumption.Inputs;

namespace PlatformMaturity.PulumiHost.Mapping;

/// <summary>
/// A resource group's budget (Pulumi.Azure.Consumption.BudgetResourceGroup, Pulumi.Azure 6.39: ResourceGroupId, Amount
/// (double), TimeGrain, TimePeriod (BudgetResourceGroupTimePeriodArgs.StartDate), Notifications
/// (BudgetResourceGroupNotificationArgs: Operator, Threshold (int), ThresholdType, ContactEmails, Enabled)).
/// </summary>
internal static class BudgetMapper
{
    public static PulumiAzure.Consumption.BudgetResourceGroup Map(BudgetResourceGroup budget, MappingContext context, PlatformComponent parent) =>
        new(budget.Name, Args(budget, context.Refs), context.Options(budget, parent));

    internal static PulumiAzure.Consumption.BudgetResourceGroupArgs Args(BudgetResourceGroup budget, AzureOutputs refs) => new()
    {
        Name = budget.BudgetName,
        ResourceGroupId = refs.Resolve(new AzureRef(budget.ResourceGroup, AzureOutput.Id)),
        Amount = budget.Amount,
        TimeGrain = budget.TimeGrain,
        TimePeriod = new ConsumptionInputs.BudgetResourceGroupTimePeriodArgs { StartDate = budget.StartDate },
        Notifications = budget.Notifications.Select(n => new ConsumptionInputs.BudgetResourceGroupNotificationArgs
        {
            Enabled = true,
            Operator = n.Operator,
            Threshold = n.Threshold,
            ThresholdType = n.ThresholdType,
            ContactEmails = n.ContactEmails.ToArray(),
        }).ToArray(),
    };
}
