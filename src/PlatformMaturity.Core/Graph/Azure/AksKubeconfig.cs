using System.Text;
using YamlDotNet.RepresentationModel;

namespace PlatformMaturity.Graph.Azure;

/// <summary>
/// The AKS user kubeconfig (KubeConfigRaw) made usable by an unattended pulumi up. With local accounts disabled it is
/// the only kubeconfig, and it signs in through the kubelogin exec plugin with --login devicecode, which waits for a
/// person at a browser. This rewrites every kubelogin user to a non-interactive login method, as kubelogin
/// convert-kubeconfig -l &lt;method&gt; does: azurecli (the identity az is signed in as, e.g. after azure/login in CI)
/// keeps only --server-id; workloadidentity and msi keep the client and tenant ids. Anything else is left as it is.
/// </summary>
public static class AksKubeconfig
{
    public const string Command = "kubelogin";
    public const string DefaultLogin = "azurecli";

    /// <summary>Flags (each with a value) kubelogin convert-kubeconfig drops for the azurecli login, which takes them from az.</summary>
    private static readonly string[] DroppedForAzureCli = ["--client-id", "--tenant-id", "--environment"];

    /// <summary>The kubeconfig with every kubelogin exec user set to <paramref name="login"/> and interactiveMode Never.</summary>
    public static string NonInteractive(string kubeconfig, string login = DefaultLogin)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(kubeconfig));
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("users"), out var usersNode) || usersNode is not YamlSequenceNode users)
            return kubeconfig;
        var changed = false;
        foreach (var user in users.OfType<YamlMappingNode>())
        {
            if (!user.Children.TryGetValue(new YamlScalarNode("user"), out var credentials) || credentials is not YamlMappingNode creds
                || !creds.Children.TryGetValue(new YamlScalarNode("exec"), out var execNode) || execNode is not YamlMappingNode exec
                || !exec.Children.TryGetValue(new YamlScalarNode("command"), out var command) || !IsKubelogin(command))
                continue;
            exec.Children[new YamlScalarNode("args")] = new YamlSequenceNode(Arguments(exec, login).Select(a => new YamlScalarNode(a)));
            // client.authentication.k8s.io: Never makes kubectl and the provider fail fast instead of prompting.
            exec.Children[new YamlScalarNode("interactiveMode")] = new YamlScalarNode("Never");
            changed = true;
        }
        if (!changed)
            return kubeconfig;
        var text = new StringBuilder();
        using (var writer = new StringWriter(text))
            stream.Save(writer, assignAnchors: false);
        // YamlStream ends a document with "...": harmless, but not what kubeconfigs look like.
        return text.ToString().Replace("\n...\n", "\n", StringComparison.Ordinal);
    }

    private static bool IsKubelogin(YamlNode command) =>
        command is YamlScalarNode { Value: { } value } && Path.GetFileNameWithoutExtension(value.Replace('\\', '/')) == Command;

    private static List<string> Arguments(YamlMappingNode exec, string login)
    {
        var current = exec.Children.TryGetValue(new YamlScalarNode("args"), out var node) && node is YamlSequenceNode list
            ? list.OfType<YamlScalarNode>().Select(a => a.Value ?? "").ToList()
            : ["get-token"];
        var result = new List<string>();
        for (var i = 0; i < current.Count; i++)
        {
            var arg = current[i];
            var takesValue = i + 1 < current.Count && arg.StartsWith('-') && !arg.Contains('=', StringComparison.Ordinal);
            if (arg is "--login" or "-l" || (login == DefaultLogin && DroppedForAzureCli.Contains(arg)))
            {
                if (takesValue)
                    i++;
                continue;
            }
            if (arg.StartsWith("--login=", StringComparison.Ordinal))
                continue;
            result.Add(arg);
        }
        result.AddRange(["--login", login]);
        return result;
    }
}
