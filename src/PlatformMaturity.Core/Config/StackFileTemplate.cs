using System.Text;
using System.Text.Json.Nodes;
using PlatformMaturity.Model;

namespace PlatformMaturity.Config;

/// <summary>
/// Writes a new stack file: every key the level needs on its target, each under its documentation,
/// with the given values or the documented defaults; optional keys without a default are shown commented out.
/// </summary>
public static class StackFileTemplate
{
    public static string Render(RawConfig config, int level, DeploymentTarget target, MaturityModel model)
    {
        var lvl = model.Level(level);
        var text = new StringBuilder()
            .Append($"# Pulumi stack '{config.Stack}' of a PlatformMaturity platform, written by pmctl init.\n")
            .Append(LevelLine(lvl)).Append('\n')
            .Append($"# Check it with: pmctl status {config.Stack}    Provision it with: pulumi up --stack {config.Stack}\n")
            .Append(target == DeploymentTarget.Azure
                ? "# Azure credentials come from the Azure CLI (az login) or ARM_* environment variables.\n"
                : "# The cluster is the current context of your kubeconfig unless platform:kubeContext names one.\n")
            .Append("config:\n");

        foreach (var key in ConfigKeys.All.Where(k => k.NeededAt(level, target)))
        {
            foreach (var line in Wrap(key.Description))
                text.Append($"  # {line}\n");
            if (key.Secret)
            {
                // pmctl cannot encrypt with the stack's secrets provider, so it says how to set the value instead.
                text.Append("  # Secret: pmctl init cannot encrypt it; set it before pulumi up with:\n")
                    .Append($"  #   pulumi config set --secret {key.FullName} <value> --stack {config.Stack}\n");
                continue;
            }
            var value = config.Values.GetValueOrDefault(key.FullName) ?? key.Default?.DeepClone();
            text.Append(value is null
                ? $"  # {key.FullName}: {Example(key)}\n"
                : Indent(Rendering.Yaml.Of(new JsonObject { [key.FullName] = value })));
        }
        return text.ToString();
    }

    /// <summary>The level line init writes at the top of a stack file.</summary>
    public static string LevelLine(Level level) => $"# {level.Title}: {level.Goal}";

    /// <summary>Updates the level line init wrote (if the file still has it) after the level changed.</summary>
    public static string Retitle(string text, int from, int to, MaturityModel model) =>
        text.Replace(LevelLine(model.Level(from)) + "\n", LevelLine(model.Level(to)) + "\n", StringComparison.Ordinal);

    private static string Example(ConfigKey key) => key.Name switch
    {
        "name" => "my-platform",
        "kubeContext" => "kind-kind",
        "auditorGroup" => "platform-auditors",
        "elevationGroup" => "platform-operators",
        "backupRoleArn" => "arn:aws:iam::123456789012:role/velero",
        "allowedRegistries" => "[registry.example.com/team]",
        "egressAllowList" => "[api.example.com, 203.0.113.0/24]",
        "meshRevision" => "asm-1-27",
        "auditRetentionDays" => "90",
        "gatewayHostname" => "\"*.apps.example.com\"",
        "gatewayClusterIssuer" => "letsencrypt-prod",
        "apiServerAuthorizedIpRanges" => "[203.0.113.0/24]",
        "clusters" => "[{name: primary, kubeContext: kind-a, availability: 99.95}, {name: secondary, kubeContext: kind-b, availability: 99.95}]",
        "secretStore" => "{vault: {server: \"https://vault.example.com\", path: secret, version: v2, auth: {kubernetes: {mountPath: kubernetes, role: external-secrets}}}}",
        "sla" => "{owner: platform-team@example.com, availability: 99.95}",
        "backstageImage" => "registry.example.com/platform/backstage@sha256:<64 hex digits>",
        _ => "<value>",
    };

    private static string Indent(string yaml) =>
        string.Concat(yaml.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => $"  {line}\n"));

    private static IEnumerable<string> Wrap(string text, int width = 100)
    {
        var line = new StringBuilder();
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + word.Length + 1 > width)
            {
                yield return line.ToString();
                line.Clear();
            }
            line.Append(line.Length > 0 ? " " : "").Append(word);
        }
        if (line.Length > 0)
            yield return line.ToString();
    }
}
