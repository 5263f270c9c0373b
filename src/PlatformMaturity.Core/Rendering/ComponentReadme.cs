using System.Text;
using PlatformMaturity.Graph;

namespace PlatformMaturity.Rendering;

/// <summary>The README.md of a rendered component folder: what it implements, what it creates and contributes, how to operate it.</summary>
internal static class ComponentReadme
{
    public static string Of(GraphComponent component, PlatformGraph graph)
    {
        var text = new StringBuilder();
        text.Append($"# {component.Title}\n\n");
        text.Append($"- Pulumi component: `{component.TypeToken}`\n");
        text.Append($"- Brought by: {component.Provenance}\n");
        if (graph.Practices.FirstOrDefault(p => p.ComponentId == component.Id) is { } status)
            text.Append($"- Implementation ({Config.ConfigNames.Of(graph.Config.Target)}): {status.Detail}\n");
        if (!component.DependsOn.IsEmpty)
            text.Append($"- After: {string.Join(", ", component.DependsOn)}\n");

        if (!component.Resources.IsEmpty)
        {
            text.Append("\n## Resources\n\n");
            foreach (var resource in component.Resources)
                text.Append($"- {resource.Kind} `{resource.Name}` ({resource.Provenance})\n");
        }
        var secrets = component.Resources.OfType<ConfigSecret>().ToList();
        if (secrets.Count > 0)
        {
            text.Append("\n## Secrets (not rendered: their values live in the stack's secret config)\n\n");
            foreach (var secret in secrets)
            {
                var literals = string.Join(" ", secret.Literals.Select(l => $"--from-literal={l.Key}={l.Value}")
                    .Concat(secret.Keys.Select(k => $"--from-literal={k.Key}=\"$(pulumi config get {k.Value})\"")));
                text.Append($"- `kubectl create secret generic {secret.SecretName} -n {secret.Namespace} {literals}`\n");
            }
        }
        if (!component.Contributions.IsEmpty)
        {
            text.Append("\n## Settings contributed to other components' resources\n\n");
            foreach (var c in component.Contributions)
                text.Append($"- `{c.Resource}` {c.Path} = {c.Value}\n");
        }
        if (!component.Documents.IsEmpty)
        {
            text.Append("\n## Documents\n\n");
            foreach (var name in component.Documents.Keys)
                text.Append($"- [{name}]({name})\n");
        }
        if (!component.Notes.IsEmpty)
        {
            text.Append("\n## Operating it\n\n");
            foreach (var note in component.Notes)
                text.Append($"- {note}\n");
        }
        return text.ToString();
    }
}
