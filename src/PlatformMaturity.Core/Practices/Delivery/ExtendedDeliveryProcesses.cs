using System.Collections.Immutable;
using System.Text.Json.Nodes;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Practices.Security;

namespace PlatformMaturity.Practices.Delivery;

/// <summary>
/// Levels 4–5: delivery between environments through Git (a stack per environment; CI or a person changes only the
/// image tag in the next environment's folder, see README), Argo CD sync windows on prod stacks from platform:gitops,
/// Argo CD Notifications to each team's channel with the token from secret config, and canaries with analysis by
/// default (golden paths at Level 4).
/// </summary>
public sealed class ExtendedDeliveryProcesses : PracticeComponent
{
    public const string NotificationsSecret = "argocd-notifications-secret";
    public const string TokenKey = "token";

    public override string Practice => "Extended Delivery Processes";

    public override Implementation Implementation => Implementation.OnBothTargets(
        "Promotion through Git (a stack per environment; only the image tag changes in the next environment's folder), Argo CD sync windows on the AppProjects of prod stacks from platform:gitops.syncWindows, Argo CD Notifications posting sync failures, degradations and deployments to each tenant's channel (token from platform:gitopsNotificationsToken), canaries with analysis by default in golden paths");

    public override void Build(ComponentBuilder component)
    {
        var config = component.Config;
        var service = ServiceName(config.GitOps.NotificationService);
        // The notifications controller is part of the Argo CD chart: this practice sets what it sends and where.
        component.Contribute<HelmRelease>(GitOpsPlatformManagement.ReleaseName, release => release with
        {
            Values = release.Values
                .With("notifications.enabled", true)
                .With("notifications.secret.create", false)
                .With($"notifications.notifiers.\"service.{service}\"", Notifier(config.GitOps.NotificationService))
                .With("notifications.triggers.\"trigger.on-sync-failed\"", "- when: app.status.operationState != nil and app.status.operationState.phase in ['Error', 'Failed']\n  send: [app-sync-failed]\n")
                .With("notifications.triggers.\"trigger.on-health-degraded\"", "- when: app.status.health.status == 'Degraded'\n  send: [app-health-degraded]\n")
                .With("notifications.triggers.\"trigger.on-deployed\"", "- when: app.status.operationState != nil and app.status.operationState.phase in ['Succeeded'] and app.status.health.status == 'Healthy'\n  oncePer: app.status.sync.revision\n  send: [app-deployed]\n")
                .With("notifications.templates.\"template.app-sync-failed\"", "message: \"{{.app.metadata.name}}: sync failed at {{.app.status.operationState.finishedAt}}: {{.app.status.operationState.message}}\"\n")
                .With("notifications.templates.\"template.app-health-degraded\"", "message: \"{{.app.metadata.name}} is degraded\"\n")
                .With("notifications.templates.\"template.app-deployed\"", "message: \"{{.app.metadata.name}} deployed revision {{.app.status.sync.revision}}\"\n"),
        });
        component.Add(new ConfigSecret
        {
            Name = $"secret-{GitOpsPlatformManagement.Namespace}-{NotificationsSecret}",
            Provenance = component.Provenance,
            Cluster = ClusterRef.PrimaryKey,
            Namespace = GitOpsPlatformManagement.Namespace,
            SecretName = NotificationsSecret,
            Keys = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create(TokenKey, ConfigKeys.GitOpsNotificationsToken.FullName)]),
        });
        if (!config.HasSecret(ConfigKeys.GitOpsNotificationsToken))
            component.Note($"Before pulumi up: pulumi config set --secret {ConfigKeys.GitOpsNotificationsToken.FullName} <token> --stack {config.Stack}");
        component.Note(config.Environment == EnvironmentKind.Prod && !config.GitOps.SyncWindows.IsEmpty
            ? $"Prod: tenant Applications sync only in the windows of {ConfigKeys.GitOps.FullName}.syncWindows; argocd proj windows list <tenant>"
            : "Sync windows apply to prod stacks only (platform:environment prod with platform:gitops.syncWindows).");
        component.Note("Promote an app: pmctl app promote <app-dir> --from <env> --to <env> copies the image (tag and digest) one environment's folder runs into the next one's kustomization.yaml; open a pull request, merge; Argo CD syncs it.");
    }

    /// <summary>Adds the configured sync windows to an AppProject spec of a prod stack (tenants' Applications obey them).</summary>
    public static void ApplySyncWindows(PlatformConfig config, JsonObject projectSpec)
    {
        if (config.Environment != EnvironmentKind.Prod || config.GitOps.SyncWindows.IsEmpty || config.Level < 4)
            return;
        projectSpec["syncWindows"] = new JsonArray([.. config.GitOps.SyncWindows.Select(w => (JsonNode)new JsonObject
        {
            ["kind"] = w.Kind,
            ["schedule"] = w.Schedule,
            ["duration"] = w.Duration,
            ["timeZone"] = w.TimeZone,
            ["applications"] = new JsonArray("*"),
            ["manualSync"] = false,
        })]);
    }

    /// <summary>The subscription annotations that send a tenant's Application events to its channel.</summary>
    public static JsonObject NotificationAnnotations(PlatformConfig config, Tenant tenant)
    {
        var annotations = new JsonObject();
        if (tenant.Channel is { } channel)
        {
            var service = ServiceName(config.GitOps.NotificationService);
            foreach (var trigger in new[] { "on-sync-failed", "on-health-degraded", "on-deployed" })
                annotations[$"notifications.argoproj.io/subscribe.{trigger}.{service}"] = channel;
        }
        return annotations;
    }

    private static string ServiceName(NotificationServiceKind kind) => kind switch
    {
        NotificationServiceKind.Teams => "teams",
        NotificationServiceKind.Webhook => "webhook.platform",
        _ => "slack",
    };

    /// <summary>The notifier's settings; the credential is $token from argocd-notifications-secret (stack secret config).</summary>
    private static string Notifier(NotificationServiceKind kind) => kind switch
    {
        NotificationServiceKind.Teams => "recipientUrls:\n  channel: $token\n",
        NotificationServiceKind.Webhook => "url: $token\n",
        _ => "token: $token\n",
    };
}
