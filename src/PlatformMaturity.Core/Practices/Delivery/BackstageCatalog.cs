using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PlatformMaturity.Config;

namespace PlatformMaturity.Practices.Delivery;

/// <summary>
/// What the developer portal's catalog holds besides the apps: the platform as a Domain and a System (the system every
/// golden-path catalog-info.yaml names: the platform's name), the platform team and one Group per tenant (the owner
/// every app's catalog-info.yaml names: group:&lt;tenant&gt;), and one software template per golden path whose form is
/// the golden path's own parameters and whose only step asks the platform repository's CI to run pmctl app new.
/// </summary>
public static partial class BackstageCatalog
{
    /// <summary>An app's catalog entry, which pmctl app new writes at the root of the app's repository and the platform's Backstage reads there.</summary>
    public const string AppCatalogFile = "catalog-info.yaml";

    public const string EntityApiVersion = "backstage.io/v1alpha1";
    public const string TemplateApiVersion = "scaffolder.backstage.io/v1beta3";

    /// <summary>The platform team's Group, owner of the platform's entities and templates.</summary>
    public const string PlatformGroup = "platform-team";

    /// <summary>The workflow of the platform repository the templates dispatch (it runs pmctl app new).</summary>
    public const string WorkflowFile = "pmctl-app-new.yaml";

    /// <summary>The workflow's inputs, named once here for the templates that send them and the workflow that reads them.</summary>
    public const string StackInput = "stack";
    public const string TemplateInput = "template";
    public const string NameInput = "name";
    public const string TenantInput = "tenant";
    public const string ValuesInput = "values";

    /// <summary>Annotation on a tenant's Group naming its identity group (Entra ID object id on azure).</summary>
    public const string IdentityGroupAnnotation = "platform.maturity/identity-group";

    /// <summary>The scaffolder action (the scaffolder's GitHub module) that dispatches a workflow.</summary>
    public const string DispatchAction = "github:actions:dispatch";

    /// <summary>pmctl app new's limit on an app's name.</summary>
    public const int AppNameMaxLength = 40;

    /// <summary>The platform's Domain, System and Groups.</summary>
    public static ImmutableArray<JsonObject> PlatformEntities(PlatformConfig config)
    {
        var entities = new List<JsonObject>
        {
            Entity("Domain", config.Name, $"The {config.Name} platform (Level {config.Level}).", new JsonObject { ["owner"] = $"group:{PlatformGroup}" }),
            Entity("System", config.Name, $"Apps running on the {config.Name} platform; every golden-path app is part of it.",
                new JsonObject { ["owner"] = $"group:{PlatformGroup}", ["domain"] = config.Name }),
            Entity("Group", PlatformGroup, $"The team running the {config.Name} platform.", new JsonObject { ["type"] = "team", ["children"] = new JsonArray() }),
        };
        foreach (var tenant in config.Tenants)
        {
            var group = Entity("Group", tenant.Name, $"Tenant {tenant.Name} ({ConfigNames.Of(tenant.Tier)}): namespace {tenant.Name} and the namespaces it creates.",
                new JsonObject { ["type"] = "team", ["children"] = new JsonArray() });
            if (tenant.Group is { } identity)
                group["metadata"]!["annotations"] = new JsonObject { [IdentityGroupAnnotation] = identity };
            entities.Add(group);
        }
        return [.. entities];
    }

    /// <summary>
    /// The software template of a golden path: its parameters (those of practices in effect) as the form, the app's name
    /// and tenant first, and one step dispatching the platform repository's workflow with every value, so the same
    /// pmctl app new and the same .sbn templates scaffold the app whether a person runs it or the portal does.
    /// </summary>
    public static JsonObject Template(GoldenPathForm form, PlatformConfig config, GitHubRepository platformRepository,
        Func<string, bool> inEffect, Func<string, bool> provides)
    {
        var fields = form.Parameters.Where(p => p.Practice is null || inEffect(p.Practice)).ToList();
        var required = fields.Where(p => p.Required || p.RequiredWhen.Any(provides)).Select(p => p.Name).ToList();
        var pathPage = new JsonObject
        {
            ["title"] = $"{form.Name} parameters",
            ["properties"] = new JsonObject([.. fields.Select(f => KeyValuePair.Create(f.Name, (JsonNode?)Property(f, provides)))]),
        };
        if (required.Count > 0)
            pathPage["required"] = Strings(required);
        var appPage = new JsonObject
        {
            ["title"] = "The app",
            ["required"] = Strings([NameInput, TenantInput]),
            ["properties"] = new JsonObject
            {
                [NameInput] = new JsonObject
                {
                    ["title"] = "Name",
                    ["description"] = "The app's name: lowercase letters, digits and '-', starting with a letter.",
                    ["type"] = "string",
                    ["pattern"] = "^[a-z]([-a-z0-9]*[a-z0-9])?$",
                    ["maxLength"] = AppNameMaxLength,
                },
                [TenantInput] = new JsonObject
                {
                    ["title"] = "Tenant",
                    ["description"] = "The team that owns the app.",
                    ["type"] = "string",
                    ["enum"] = Strings(config.Tenants.Select(t => t.Name)),
                },
            },
        };
        var template = Entity("Template", form.Name, form.Description, new JsonObject
        {
            ["owner"] = $"group:{PlatformGroup}",
            ["type"] = form.CatalogType,
            ["parameters"] = new JsonArray(appPage, pathPage),
            ["steps"] = new JsonArray(new JsonObject
            {
                ["id"] = "pmctl-app-new",
                ["name"] = $"pmctl app new --template {form.Name} in the platform repository's CI",
                ["action"] = DispatchAction,
                ["input"] = new JsonObject
                {
                    ["repoUrl"] = platformRepository.ScaffolderUrl,
                    ["workflowId"] = WorkflowFile,
                    ["branchOrTagName"] = config.GitOps.Revision,
                    ["workflowInputs"] = new JsonObject
                    {
                        [StackInput] = config.Stack,
                        [TemplateInput] = form.Name,
                        [NameInput] = "${{ parameters.name }}",
                        [TenantInput] = "${{ parameters.tenant }}",
                        // Every value as one JSON object (GitHub caps a dispatch's inputs); the workflow turns it into --set.
                        [ValuesInput] = "${{ parameters | dump }}",
                    },
                },
            }),
            ["output"] = new JsonObject
            {
                ["links"] = new JsonArray(new JsonObject
                {
                    ["title"] = "pmctl app new runs",
                    ["url"] = $"{platformRepository.WebUrl}/actions/workflows/{WorkflowFile}",
                }),
            },
        });
        template["metadata"]!["tags"] = Strings(["golden-path", $"level-{config.Level}"]);
        return template;
    }

    /// <summary>A form field: JSON Schema of the golden path's parameter type, its allowed values, range and default at this level.</summary>
    private static JsonObject Property(GoldenPathField field, Func<string, bool> provides)
    {
        var property = new JsonObject { ["title"] = field.Name, ["description"] = field.Description };
        var type = field.Type switch
        {
            "integer" or "port" => "integer",
            "boolean" => "boolean",
            _ => "string",
        };
        property["type"] = type;
        if (!field.Allowed.IsDefaultOrEmpty)
            property["enum"] = Strings(field.Allowed);
        var (min, max) = field.Type == "port" ? (field.Min ?? 1, field.Max ?? 65535) : (field.Min, field.Max);
        if (min is { } low)
            property["minimum"] = low;
        if (max is { } high)
            property["maximum"] = high;
        var value = field.DefaultsWhen.LastOrDefault(d => provides(d.Practice)).Value ?? field.Default;
        // Defaults with {name}, {team} or {registry} are pmctl's to fill in; the form leaves them empty.
        if (value is not null && !value.Contains('{', StringComparison.Ordinal))
            property["default"] = type switch
            {
                "integer" => JsonValue.Create(long.Parse(value, CultureInfo.InvariantCulture)),
                "boolean" => JsonValue.Create(value == "true"),
                _ => JsonValue.Create(value),
            };
        return property;
    }

    /// <summary>
    /// The platform repository's workflow the templates dispatch: it runs pmctl app new with the golden paths of that
    /// repository (templates/) for the stack, then opens a pull request with the scaffolded app.
    /// </summary>
    public static string Workflow(string checkoutAction) => $$$"""
        name: pmctl app new
        on:
          workflow_dispatch:
            inputs:
              {{{StackInput}}}: {description: "The stack the app lands on", required: true, type: string}
              {{{TemplateInput}}}: {description: "The golden path", required: true, type: string}
              {{{NameInput}}}: {description: "The app's name", required: true, type: string}
              {{{TenantInput}}}: {description: "The tenant that owns the app", required: true, type: string}
              {{{ValuesInput}}}: {description: "The golden path's parameters as a JSON object", required: true, type: string}
        permissions:
          contents: write
          pull-requests: write
        jobs:
          scaffold:
            runs-on: ubuntu-latest
            steps:
              - uses: {{{checkoutAction}}}
              - name: pmctl app new
                env:
                  STACK: ${{ inputs.{{{StackInput}}} }}
                  TEMPLATE: ${{ inputs.{{{TemplateInput}}} }}
                  NAME: ${{ inputs.{{{NameInput}}} }}
                  TENANT: ${{ inputs.{{{TenantInput}}} }}
                  VALUES: ${{ inputs.{{{ValuesInput}}} }}
                run: |
                  # Every parameter but the app's name and tenant becomes --set key=value; pmctl validates each.
                  mapfile -t sets < <(jq -r 'to_entries[] | select(.key != "{{{NameInput}}}" and .key != "{{{TenantInput}}}") | select(.value != null and .value != "") | "--set", "\(.key)=\(.value)"' <<<"$VALUES")
                  dotnet run --project src/PlatformMaturity.Cli -- app new "$NAME" --template "$TEMPLATE" --stack "$STACK" --team "$TENANT" --out "apps/$TENANT/$NAME" "${sets[@]}"
              - name: Pull request
                env:
                  GH_TOKEN: ${{ github.token }}
                  NAME: ${{ inputs.{{{NameInput}}} }}
                  TENANT: ${{ inputs.{{{TenantInput}}} }}
                run: |
                  git switch -c "app/$TENANT/$NAME"
                  git add "apps/$TENANT/$NAME"
                  git -c user.name=pmctl -c user.email=pmctl@users.noreply.github.com commit -m "Scaffold $TENANT/$NAME with pmctl app new"
                  git push origin "app/$TENANT/$NAME"
                  gh pr create --fill --head "app/$TENANT/$NAME"

        """;

    private static JsonObject Entity(string kind, string name, string description, JsonObject spec) => new()
    {
        ["apiVersion"] = kind == "Template" ? TemplateApiVersion : EntityApiVersion,
        ["kind"] = kind,
        ["metadata"] = new JsonObject { ["name"] = name, ["description"] = description },
        ["spec"] = spec,
    };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);

    /// <summary>A GitHub repository from an https URL (https://github.com/owner/name[.git]); null for any other host.</summary>
    public static GitHubRepository? GitHub(string? url) =>
        url is not null && GitHubUrlPattern().Match(url) is { Success: true } m ? new GitHubRepository(m.Groups[1].Value, m.Groups[2].Value) : null;

    [GeneratedRegex(@"^https://github\.com/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(\.git)?/?\z")]
    private static partial Regex GitHubUrlPattern();
}

/// <summary>A GitHub repository, as the scaffolder's GitHub actions and Backstage's URL locations name it.</summary>
public sealed record GitHubRepository(string Owner, string Name)
{
    /// <summary>The scaffolder's repoUrl form.</summary>
    public string ScaffolderUrl => $"github.com?owner={Owner}&repo={Name}";

    public string WebUrl => $"https://github.com/{Owner}/{Name}";

    /// <summary>A file of a branch, as a Backstage url location reads it.</summary>
    public string Blob(string branch, string path) => $"{WebUrl}/blob/{branch}/{path}";
}
