using System.Collections.Immutable;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph.Azure;

namespace PlatformMaturity.Practices.Security;

/// <summary>
/// Levels 4–5: every access to the platform's API is by a named identity and leaves a trail. On azure: local accounts
/// disabled (Entra ID only; staged, because it retires the admin kubeconfig), the API server's audit log of changes
/// (kube-audit-admin) and Entra ID authentication decisions (guard) sent to Log Analytics resource-specific tables, whose
/// retention is set on the tables themselves. On existing the API server belongs to whoever runs the cluster.
/// </summary>
public sealed class PlatformAccessAuditing : PracticeComponent
{
    public const string DiagnosticSettingName = "aks-audit-logs";

    /// <summary>Audit of requests that change something (no get/list: far cheaper than kube-audit), and Entra ID authentication.</summary>
    public static readonly ImmutableArray<string> Categories = ["kube-audit-admin", "guard"];

    /// <summary>The resource-specific tables those categories land in with the Dedicated destination (Microsoft Learn, AKS resource logs).</summary>
    public static readonly ImmutableArray<string> Tables = ["AKSAuditAdmin", "AKSControlPlane"];

    /// <summary>
    /// Why Falco's Kubernetes audit rules are not run through its AKS audit plugin: a decision, checked against the plugin's
    /// source, to revisit when a release reads the Event Hub and its checkpoint blobs with a token credential. The newest
    /// release, falcosecurity/plugins tag plugins/k8saudit-aks/v0.6.0 (2026-06-19, k8saudit 0.18.0 extractor, the rules of
    /// the Falco 0.44 line), reads kube-audit only from an Event Hub opened with azeventhubs.NewConsumerClientFromConnectionString
    /// and checkpoints to Blob Storage opened with container.NewClientFromConnectionString (pkg/k8sauditaks/k8sauditaks.go,
    /// Open; init_config event_hub_namespace_connection_string and blob_storage_connection_string, both required): a
    /// namespace SAS key and a storage account key in the cluster. Level 4's landing-zone policy storage-no-shared-key
    /// denies, once promoted, the shared-key storage account that checkpoint store needs, and Level 5 promises no static
    /// cloud credential in the cluster; an Event Hub streaming all of kube-audit (reads included) would be paid for that.
    /// The same audit log is covered instead by kube-audit-admin in Log Analytics (this practice) and, where Defender for
    /// Containers is on, by its control-plane threat detection, which analyses the AKS audit log without any credential in the cluster.
    /// </summary>
    public const string FalcoAksAuditDecision =
        "Falco's Kubernetes audit rules are not run on AKS: its k8saudit-aks plugin (v0.6.0, the newest release) reads kube-audit from an Event Hub " +
        "only with connection strings — an Event Hub SAS key and a shared-key storage account for its checkpoints — which Level 4's policy " +
        "storage-no-shared-key denies once promoted and Level 5's no-static-credential promise forbids; the audit log is in Log Analytics " +
        "(AKSAuditAdmin) and, with Defender for Containers on, its control-plane threat detection analyses it without a credential in the cluster";

    public override string Practice => "Platform Access Auditing";

    public override Implementation Implementation => Implementation.OnBothTargets(
        $"AKS with local accounts disabled (Entra ID only, staged until promoted), a diagnostic setting sending {string.Join(" and ", Categories)} to the platform's Log Analytics workspace (Dedicated tables {string.Join(", ", Tables)}) with retention platform:auditRetentionDays set on those tables");

    public override string? NotApplicableReason(DeploymentTarget target) => target == DeploymentTarget.Existing
        ? "the API server's audit policy and log belong to whoever runs the cluster: enable them there (kube-apiserver --audit-policy-file and --audit-log-path, on kind through a kubeadm ClusterConfiguration patch) and ship the log to your log store (Falco's k8saudit plugin can take it through the API server's --audit-webhook-config-file, which is the cluster owner's too); authentication is the cluster's too (OIDC or the provider's identity integration)"
        : null;

    public override void Build(ComponentBuilder component)
    {
        var config = component.Config;
        DisableLocalAccounts(component);
        component.Note(FalcoAksAuditDecision + ".");
        if (!component.Existing<LogAnalyticsWorkspace>().Any(w => w.Name == WellKnown.LogAnalyticsWorkspace))
        {
            component.Note($"No audit logs are sent: this platform has no Log Analytics workspace ({WellKnown.LogAnalyticsWorkspace}).");
            return;
        }
        var workspace = new AzureRef(WellKnown.LogAnalyticsWorkspace, AzureOutput.Id);
        component.Add(new DiagnosticSetting
        {
            Name = DiagnosticSettingName,
            Provenance = component.Provenance,
            TargetResourceId = new AzureRef(Foundation.ClusterName, AzureOutput.Id),
            LogAnalyticsWorkspaceId = workspace,
            EnabledLogCategories = Categories,
        });
        foreach (var table in Tables)
        {
            component.Add(new LogAnalyticsWorkspaceTable
            {
                Name = "table-" + table.ToLowerInvariant(),
                Provenance = component.Provenance,
                WorkspaceId = workspace,
                TableName = table,
                RetentionInDays = config.AuditRetentionDays,
            });
        }
        component.Note($"Audit logs: in Log Analytics, query AKSAuditAdmin (changes, by user) and AKSControlPlane | where Category == 'guard' (Entra ID authentication); kept {config.AuditRetentionDays} days (platform:auditRetentionDays).");
    }

    /// <summary>
    /// Only with Entra ID integration and an admin group: otherwise disabling local accounts would leave no one able to
    /// administer the cluster. The Pulumi host then uses the user kubeconfig with kubelogin, non-interactively.
    /// </summary>
    private static void DisableLocalAccounts(ComponentBuilder component)
    {
        var cluster = component.Existing<KubernetesCluster>().FirstOrDefault(c => c.Name == Foundation.ClusterName);
        if (cluster?.AzureActiveDirectoryRoleBasedAccessControl is not { AdminGroupObjectIds.IsDefaultOrEmpty: false })
        {
            component.Note($"Local accounts stay enabled: disabling them needs Entra ID integration with an admin group ({ConfigKeys.AdminGroupObjectIds.FullName}), or nobody could administer the cluster.");
            return;
        }
        if (component.IsStaged(Enforcements.LocalAccountsDisabled))
        {
            component.Note($"Staged ({Enforcements.LocalAccountsDisabled}): local accounts still work; move every admin to an Entra ID group in {ConfigKeys.AdminGroupObjectIds.FullName} and every pipeline to kubelogin, then pmctl upgrade {component.Config.Stack} --promote disables them.");
            return;
        }
        component.Contribute<KubernetesCluster>(Foundation.ClusterName, c => c with { LocalAccountDisabled = true });
        component.Note("Local accounts are disabled: az aks get-credentials gives a kubeconfig that signs in with kubelogin (Entra ID); pulumi up runs kubelogin with --login azurecli, so run it signed in (az login) as a member of an admin group.");
    }
}
