using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace PlatformMaturity.Config;

/// <summary>
/// Where Argo CD finds the platform's Git-ready tree (platform:gitops, from Level 4) and how it delivers it: the root
/// Application points at <see cref="RepoUrl"/>/<see cref="Path"/>@<see cref="Revision"/>. Without a repoUrl Argo CD is
/// installed but nothing is handed over: Pulumi keeps applying every component.
/// </summary>
/// <param name="RepoUrl">https or ssh URL of the Git repository (never with credentials in it); null: no hand-over yet.</param>
/// <param name="Path">Folder of the tree pmctl render --gitops writes, inside the repository.</param>
/// <param name="Revision">Branch, tag or commit Argo CD follows.</param>
/// <param name="RepoUsername">User name for the repository's password/token (platform:gitopsRepoPassword); null for a public repository.</param>
/// <param name="Oidc">Single sign-on for Argo CD; when set, the local admin user is disabled.</param>
/// <param name="SyncWindows">Windows applied to the AppProjects of a prod stack (nothing syncs outside an allow window).</param>
/// <param name="NotificationService">Where Argo CD Notifications posts (slack, teams or webhook); the token is platform:gitopsNotificationsToken.</param>
public sealed record GitOpsConfig(
    string? RepoUrl,
    string Path,
    string Revision,
    string? RepoUsername,
    OidcConfig? Oidc,
    ImmutableArray<SyncWindowConfig> SyncWindows,
    NotificationServiceKind NotificationService)
{
    public static GitOpsConfig Default { get; } = new(null, "platform", "main", null, null, [], NotificationServiceKind.Slack);

    /// <summary>Whether Argo CD takes over the platform's Kubernetes objects (a repository is configured).</summary>
    public bool HandsOver => RepoUrl is not null;

    public JsonObject ToJson() => new() { ["path"] = Path, ["revision"] = Revision };
}

/// <summary>OIDC sign-in for Argo CD (e.g. Entra ID) as a public client with PKCE, so no client secret exists.</summary>
/// <param name="AdminGroup">Group given role:admin in Argo CD; everyone else signed in is read-only.</param>
public sealed record OidcConfig(string Issuer, string ClientId, string? AdminGroup);

/// <summary>An Argo CD sync window (AppProject spec.syncWindows).</summary>
/// <param name="Kind">allow or deny.</param>
/// <param name="Schedule">Five-field cron of the window's start.</param>
/// <param name="Duration">How long the window lasts, e.g. 2h.</param>
/// <param name="TimeZone">IANA time zone of the schedule.</param>
public sealed record SyncWindowConfig(string Kind, string Schedule, string Duration, string TimeZone);

/// <summary>The Argo CD Notifications service teams are notified through.</summary>
public enum NotificationServiceKind
{
    Slack,
    Teams,
    Webhook,
}

/// <summary>
/// Who may sign the platform's images (platform:imageSigning, from Level 4): keyless cosign signatures whose
/// certificate was issued to one of <see cref="Identities"/> by <see cref="Issuer"/>. Tenants' repositories add their
/// CI workflow identities.
/// </summary>
/// <param name="Issuer">OIDC issuer of the signing identities (GitHub Actions by default).</param>
/// <param name="Identities">Certificate subjects (exact) allowed besides those derived from the tenants' repositories.</param>
public sealed record ImageSigningConfig(string Issuer, ImmutableArray<string> Identities)
{
    public const string GitHubActionsIssuer = "https://token.actions.githubusercontent.com";

    public static ImageSigningConfig Default { get; } = new(GitHubActionsIssuer, []);

    public JsonObject ToJson() => new() { ["issuer"] = Issuer, ["identities"] = new JsonArray() };
}
