using System.Text.Json.Nodes;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Practices.Availability;

namespace PlatformMaturity.Practices.Efficiency;

/// <summary>
/// Advanced Costs Management: a tenant's budget alerts reach the tenant, not only the platform team. Per tenant with a
/// budget, an AlertmanagerConfig in the tenant's own namespace routes the budget alerts labelled with that tenant to a
/// receiver whose URL is a Secret the team keeps in that namespace. The Prometheus Operator adds a namespace matcher
/// to every route of an AlertmanagerConfig (matcher strategy OnNamespace, set explicitly), so a tenant's receiver can
/// only ever get alerts labelled with its own namespace: even a team that edits its AlertmanagerConfig to match
/// another tenant's label gets nothing of that tenant's. The operator nests these routes first under the top-level
/// route with continue: true, so the platform receiver still gets every budget alert.
/// </summary>
/// <remarks>
/// Keys of kube-prometheus-stack 88.5.3 (prometheus-community/helm-charts tag kube-prometheus-stack-88.5.3,
/// charts/kube-prometheus-stack/values.yaml and templates/alertmanager/alertmanager.yaml):
/// alertmanager.alertmanagerSpec.alertmanagerConfigSelector, .alertmanagerConfigNamespaceSelector and
/// .alertmanagerConfigMatcherStrategy (type OnNamespace | OnNamespaceExceptForAlertmanagerNamespace | None, the
/// chart's CRD crd-alertmanagers.yaml for operator v0.93.1). AlertmanagerConfig v1alpha1 fields (route.matchers with
/// matchType, receivers[].webhookConfigs[].urlSecret, slackConfigs[].apiURL, msteamsv2Configs[].webhookURL, each a
/// Secret key selector in the object's namespace) from the chart's crd-alertmanagerconfigs.yaml at the same tag.
/// </remarks>
public static class TenantBudgetAlertRouting
{
    /// <summary>The AlertmanagerConfig in each tenant namespace.</summary>
    public const string ConfigName = "tenant-budget-alerts";

    /// <summary>The Secret the team creates in its namespace, and its key holding the receiver URL.</summary>
    public const string ReceiverSecret = "tenant-alert-receiver";

    public const string ReceiverUrlKey = "url";

    /// <summary>The label by which Alertmanager selects the AlertmanagerConfigs the platform writes (and no other).</summary>
    public const string SelectorLabel = "platform.maturity/alert-routing";

    public const string SelectorValue = "tenant";

    /// <summary>The receiver's name inside each AlertmanagerConfig (the operator prefixes it with namespace and object name).</summary>
    public const string ReceiverName = "team";

    /// <summary>The budget alerts' names and the label naming their tenant (the rules set both).</summary>
    public const string NearBudgetAlert = "TenantNearBudget";

    public const string OverBudgetAlert = "TenantOverBudget";

    public static readonly IReadOnlyList<string> AlertNames = [NearBudgetAlert, OverBudgetAlert];

    public const string TenantAlertLabel = "tenant";

    /// <summary>
    /// The label the operator's OnNamespace matcher reads: a budget alert carries its tenant's own namespace here (the
    /// rule sets it; the cost it sums spans all the tenant's namespaces), else no tenant's AlertmanagerConfig matches it.
    /// </summary>
    public const string NamespaceAlertLabel = "namespace";

    /// <summary>Alertmanager selects the platform's AlertmanagerConfigs, only in tenant namespaces, and confines each to its namespace.</summary>
    public static HelmValues Values(HelmValues values) => values
        .With("alertmanager.alertmanagerSpec.alertmanagerConfigSelector", new Dictionary<string, object?>
        {
            ["matchLabels"] = new Dictionary<string, object?> { [SelectorLabel] = SelectorValue },
        })
        .With("alertmanager.alertmanagerSpec.alertmanagerConfigNamespaceSelector", new Dictionary<string, object?>
        {
            ["matchExpressions"] = new object[] { new Dictionary<string, object?> { ["key"] = HardMultiTenancy.TenantLabel, ["operator"] = "Exists" } },
        })
        .With("alertmanager.alertmanagerSpec.alertmanagerConfigMatcherStrategy", new Dictionary<string, object?> { ["type"] = "OnNamespace" });

    /// <summary>The AlertmanagerConfig of <paramref name="tenant"/>: its budget alerts to its own receiver, of the platform's receiver kind.</summary>
    public static CustomObject For(string tenant, AlertReceiverKind kind) => new()
    {
        ApiVersion = "monitoring.coreos.com/v1alpha1",
        Kind = "AlertmanagerConfig",
        Metadata = new V1ObjectMeta
        {
            Name = ConfigName,
            NamespaceProperty = tenant,
            Labels = new Dictionary<string, string> { [SelectorLabel] = SelectorValue },
        },
        Spec = new JsonObject
        {
            ["route"] = new JsonObject
            {
                ["receiver"] = ReceiverName,
                ["groupBy"] = new JsonArray("alertname"),
                ["groupWait"] = "30s",
                ["groupInterval"] = "5m",
                ["repeatInterval"] = "12h",
                ["matchers"] = new JsonArray(
                    Matcher("alertname", "=~", string.Join('|', AlertNames)),
                    Matcher(TenantAlertLabel, "=", tenant)),
            },
            ["receivers"] = new JsonArray(new JsonObject
            {
                ["name"] = ReceiverName,
                [ConfigsField(kind)] = new JsonArray(new JsonObject
                {
                    [UrlField(kind)] = new JsonObject { ["name"] = ReceiverSecret, ["key"] = ReceiverUrlKey },
                    ["sendResolved"] = true,
                }),
            }),
        },
    };

    /// <summary>What the team runs once to receive its alerts.</summary>
    public static string CreateSecretCommand(string tenant) =>
        $"kubectl create secret generic {ReceiverSecret} -n {tenant} --from-literal={ReceiverUrlKey}=<webhook URL>";

    private static string ConfigsField(AlertReceiverKind kind) => kind switch
    {
        AlertReceiverKind.Slack => "slackConfigs",
        AlertReceiverKind.MsTeams => "msteamsv2Configs",
        _ => "webhookConfigs",
    };

    private static string UrlField(AlertReceiverKind kind) => kind switch
    {
        AlertReceiverKind.Slack => "apiURL",
        AlertReceiverKind.MsTeams => "webhookURL",
        _ => "urlSecret",
    };

    private static JsonObject Matcher(string name, string matchType, string value) =>
        new() { ["name"] = name, ["matchType"] = matchType, ["value"] = value };
}
