using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Availability;

/// <summary>
/// Grafana OSS isolates tenants by organisation (data-source permissions are Enterprise-only): one org per tenant,
/// named after it, holding only data sources scoped to that tenant — Prometheus through the tenant's prom-label-proxy,
/// Loki and Tempo with X-Scope-OrgID = the tenant. Grafana cannot provision orgs from files, and provisioning a data
/// source into an org that does not exist stops Grafana from starting, so a Job creates the orgs and their data
/// sources through Grafana's HTTP API (idempotent: it runs again on every change). The tenant's team group becomes
/// the org's Viewers through the OAuth org mapping rendered into grafana.ini (the IdP itself is configured by the
/// platform team; see the note). Shared by both monitoring practices.
/// </summary>
internal static class TenantGrafanaOrgs
{
    public const string JobName = "grafana-tenant-orgs";
    public const string ScriptKey = "tenant-orgs.sh";

    /// <summary>The role a tenant's team group gets in its org: read its dashboards and explore its own data.</summary>
    public const string TenantRole = "Viewer";

    /// <summary>Grafana's Service (kube-prometheus-stack names it after the release; port 80 to the pods' 3000).</summary>
    public const string GrafanaUrl = $"http://{WellKnown.PrometheusStackRelease}-grafana.{WellKnown.MonitoringNamespace}.svc";

    /// <summary>A data source of a tenant's org, as Grafana's HTTP API takes it (POST /api/datasources).</summary>
    public static IReadOnlyList<JsonObject> DataSources(ComponentBuilder component, Tenant tenant)
    {
        var sources = new List<JsonObject>
        {
            Source("Prometheus", "prometheus", TenantMetricsProxies.Url(tenant), header: null, isDefault: true),
        };
        if (component.Implements(PlatformObservabilityPractice))
            sources.Add(Source("Loki", "loki", PlatformObservability.LokiUrl, ObservabilityTenants.Of(tenant.Name), isDefault: false));
        if (component.Implements(ApplicationObservabilityPractice) && component.Config.TracesEndpoint is null)
            sources.Add(Source("Tempo", "tempo", ApplicationObservability.TempoUrl, ObservabilityTenants.Of(tenant.Name), isDefault: false));
        return sources;
    }

    private const string PlatformObservabilityPractice = "Platform Observability";
    private const string ApplicationObservabilityPractice = "Application Observability";

    /// <summary>
    /// grafana.ini settings mapping each tenant's group to its org as Viewer, for the OAuth provider of the target
    /// (Entra ID on azure, generic OIDC elsewhere), and keeping unmapped users out of the main org's data.
    /// </summary>
    public static HelmValues IniSettings(PlatformConfig config, HelmValues values)
    {
        var mapped = config.Tenants.Where(t => t.Group is not null).ToList();
        if (mapped.Count == 0)
            return values;
        var section = config.IsAzure ? "auth.azuread" : "auth.generic_oauth";
        // <group>:<org name>:<role>, space-separated; the orgs are the Job's, named after the tenants.
        var mapping = string.Join(' ', mapped.Select(t => $"{t.Group}:{t.Name}:{TenantRole}"));
        values = values.With($"grafana.\"grafana.ini\".\"{section}\".org_mapping", mapping);
        if (!config.IsAzure)
            values = values.With("grafana.\"grafana.ini\".\"auth.generic_oauth\".org_attribute_path", "groups");
        // A user no mapping names lands in the main org with no role, so cannot query its all-tenant data sources.
        return values.With("grafana.\"grafana.ini\".users.auto_assign_org_role", "None");
    }

    public static void Add(ComponentBuilder component)
    {
        var tenants = component.Config.Tenants;
        if (tenants.IsEmpty)
            return;
        component.Contribute<HelmRelease>(WellKnown.PrometheusStackRelease, release => release with { Values = IniSettings(component.Config, release.Values) });
        var script = Script(component);
        component.AddObject(new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta { Name = JobName, NamespaceProperty = WellKnown.MonitoringNamespace },
            Data = new Dictionary<string, string> { [ScriptKey] = script },
        });
        // A Job's pod template is immutable: the script's hash in it makes a changed script replace the Job, so it runs again.
        component.AddObject(Job(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(script)))[..16]));
        component.Note($"Each tenant has a Grafana org named after it (created by the Job {JobName}) with its own Prometheus (through its prom-label-proxy), Loki and Tempo data sources; its team group is mapped to it as {TenantRole}.");
        component.Note(component.IsAzure
            ? "Sign-in with Entra ID: set grafana.ini [auth.azuread] (enabled, client_id, client_secret, auth_url, token_url, allowed_organizations) on the kube-prometheus-stack release; the org_mapping from platform:tenants is already there."
            : "Sign-in with your OIDC provider: set grafana.ini [auth.generic_oauth] (enabled, client_id, client_secret, auth_url, token_url, api_url, scopes with groups) on the kube-prometheus-stack release; org_mapping and org_attribute_path from platform:tenants are already there.");
    }

    /// <summary>Creates each tenant's org if missing and upserts its data sources by uid; re-running changes nothing.</summary>
    internal static string Script(ComponentBuilder component)
    {
        var script = new StringBuilder();
        script.Append($$"""
            #!/bin/sh
            # Written by PlatformMaturity: one Grafana org per tenant, with data sources scoped to that tenant.
            set -eu
            G="{{GrafanaUrl}}"
            api() { curl -sS -u "$GF_USER:$GF_PASSWORD" -H 'Content-Type: application/json' "$@"; }
            until curl -sf "$G/api/health" >/dev/null; do echo "waiting for Grafana"; sleep 5; done
            # POST /api/orgs answers 409 when the org exists; the id comes from GET /api/orgs/name/<name>.
            org_id() {
              api -o /dev/null -X POST "$G/api/orgs" -d "{\"name\":\"$1\"}" || true
              api -f "$G/api/orgs/name/$1" | sed -n 's/^{"id":\([0-9][0-9]*\),.*/\1/p'
            }
            # PUT by uid updates a data source; 404 means it is new.
            upsert() {
              code=$(api -o /dev/null -w '%{http_code}' -X PUT -H "X-Grafana-Org-Id: $1" "$G/api/datasources/uid/$2" -d "$3")
              if [ "$code" != 200 ]; then api -f -o /dev/null -X POST -H "X-Grafana-Org-Id: $1" "$G/api/datasources" -d "$3"; fi
            }

            """);
        foreach (var tenant in component.Config.Tenants)
        {
            script.Append('\n').Append($"id=$(org_id {tenant.Name})\n");
            script.Append($"[ -n \"$id\" ] || {{ echo \"no org id for {tenant.Name}\"; exit 1; }}\n");
            foreach (var source in DataSources(component, tenant))
                script.Append($"upsert \"$id\" {source["uid"]} '{source.ToJsonString()}'\n");
        }
        return script.ToString();
    }

    private static JsonObject Source(string name, string type, string url, string? header, bool isDefault)
    {
        var source = new JsonObject
        {
            ["name"] = name,
            ["type"] = type,
            ["uid"] = type,
            ["url"] = url,
            ["access"] = "proxy",
            ["isDefault"] = isDefault,
        };
        if (header is not null)
        {
            source["jsonData"] = new JsonObject { ["httpHeaderName1"] = ObservabilityTenants.Header };
            source["secureJsonData"] = new JsonObject { ["httpHeaderValue1"] = header };
        }
        return source;
    }

    private static V1Job Job(string scriptHash) => new()
    {
        ApiVersion = "batch/v1",
        Kind = "Job",
        Metadata = new V1ObjectMeta { Name = JobName, NamespaceProperty = WellKnown.MonitoringNamespace },
        Spec = new V1JobSpec
        {
            BackoffLimit = 10,
            Template = PlatformObjects.ScriptPod(JobName, "tenant-orgs", ScriptKey, scriptHash, "OnFailure", env:
            [
                SecretEnv("GF_USER", MonitoringStack.GrafanaUserKey),
                SecretEnv("GF_PASSWORD", MonitoringStack.GrafanaPasswordKey),
            ]),
        },
    };

    private static V1EnvVar SecretEnv(string name, string key) => new()
    {
        Name = name,
        ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = MonitoringStack.GrafanaAdminSecret, Key = key } },
    };
}
