using System.CommandLine;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PlatformMaturity.Cli.Output;
using PlatformMaturity.Cli.Stacks;
using PlatformMaturity.Config;
using PlatformMaturity.Files;
using PlatformMaturity.Text;
using Spectre.Console;

namespace PlatformMaturity.Cli.Commands;

/// <summary>
/// `pmctl tenant add|list`: the self-service side of tenancy. `add` writes one tenant into the stack's
/// platform:tenants the way `upgrade` writes a level: validated by the same rules as every stack (the config parser),
/// inserted without touching another byte, atomically and under the stack's lock; a refusal writes nothing.
/// </summary>
internal static partial class TenantCommand
{
    /// <summary>Entra ID and LDAP group names stay far below this; the limit keeps a pasted file out of the stack.</summary>
    private const int MaxGroupChars = 256;

    public static Command Create(CliIO io) => new("tenant", "Add a team to a stack, or list the stack's teams (platform:tenants)")
    {
        Add(io),
        List(io),
    };

    private static Command Add(CliIO io)
    {
        var stack = StackLocator.StackArgument();
        var name = new Argument<string>("name") { Description = "Tenant name: a DNS-1123 label, also the name of its namespace" };
        var group = new Option<string?>("--group") { Description = "The team's group, bound to the namespace's edit role (needed from Level 2; an Entra ID object id on azure)", HelpName = "group" };
        // A fixed set, like --target: a value outside it is a usage error (exit 2) with the closest match.
        var tier = Choices.OneOf("--tier", $"Quota size: {string.Join(", ", ConfigNames.Tiers)} (default: medium)", ConfigNames.Tiers);
        var stacksDir = StackLocator.Option();
        var command = new Command("add", "Add a tenant to the stack file (validated, atomic; writes nothing on refusal)") { stack, name, group, tier, stacksDir };
        command.SetAction(parse => Execute(io, parse.GetValue(stack)!, parse.GetValue(name)!, parse.GetValue(group), parse.GetValue(tier), parse.GetValue(stacksDir)));
        return command;
    }

    private static Command List(CliIO io)
    {
        var stack = StackLocator.StackArgument();
        var stacksDir = StackLocator.Option();
        var output = OutputOption.Create(OutputFormat.Text, OutputFormat.Json);
        var command = new Command("list", "List the stack's tenants: name (also the namespace), group and tier") { stack, stacksDir, output };
        command.SetAction(parse =>
        {
            var loaded = StackLocator.Load(io, parse.GetValue(stack)!, parse.GetValue(stacksDir));
            var tenants = loaded.Config.Tenants.Select(t => new TenantView(t.Name, t.Name, t.Group, ConfigNames.Of(t.Tier))).ToList();
            if (parse.GetValue(output) == OutputFormat.Json)
            {
                Json.Write(io.Out, new TenantList(parse.GetValue(stack)!, loaded.Display, tenants));
                return ExitCodes.Ok;
            }
            if (tenants.Count == 0)
            {
                io.Out.WriteLine($"Stack {parse.GetValue(stack)} ({loaded.Display}) has no tenants; add one with: " +
                    StackLocator.Hint($"pmctl tenant add {parse.GetValue(stack)} <name> --group <group> --tier {string.Join("|", ConfigNames.Tiers)}", parse.GetValue(stacksDir)));
                return ExitCodes.Ok;
            }
            io.Out.WriteLine($"Stack {parse.GetValue(stack)} ({loaded.Display}): {Counted.Of(tenants.Count, "tenant")}");
            var table = new Table().AddColumn("Tenant").AddColumn("Namespace").AddColumn("Group").AddColumn("Tier");
            foreach (var t in tenants)
                table.AddRow(Markup.Escape(t.Name), Markup.Escape(t.Namespace), Markup.Escape(Redaction.Echo(t.Group ?? "(none)")), Markup.Escape(t.Tier));
            io.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static int Execute(CliIO io, string stack, string name, string? group, string? tier, string? stacksDirOption)
    {
        var (_, current, path, display, original) = StackLocator.Load(io, stack, stacksDirOption);
        var shown = Redaction.Echo(name);
        // Checked before the name reaches the file: the parser's rules below speak of "item 3", and a 1 MB name
        // would be refused as a YAML value rather than as a name.
        if (!Names.IsDnsLabel(name))
            throw new UserError($"tenant name '{shown}' is not a DNS-1123 label: use 1 to 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit (it is also the namespace's name); nothing was written");
        if (current.Tenants.Any(t => t.Name == name))
            throw new UserError($"tenant '{name}' already exists in {display}; nothing was written (pmctl tenant list {stack} shows the tenants)");
        if (group is not null && (string.IsNullOrWhiteSpace(group) || group.Length > MaxGroupChars || group.Any(char.IsControl)))
            throw new UserError($"--group '{Redaction.Echo(group)}' is not a group name: expected the team's group name or Entra ID object id, 1 to {MaxGroupChars} characters without control characters; nothing was written");

        var tenant = new JsonObject { ["name"] = name };
        if (group is not null)
            tenant["group"] = group;
        if (tier is not null)
            tenant["tier"] = tier;
        var index = current.Tenants.Length;

        var updated = StackFileAppend.Apply(original, ConfigKeys.Tenants, tenant, display, stack);
        // Every rule a stack file obeys (reserved and platform namespaces, system: groups, object ids on azure, a
        // group from Level 2) is the parser's: the stack with the new tenant must pass it, or nothing is written.
        var result = PlatformConfigParser.Parse(StackFile.Parse(updated, stack, display));
        if (!result.IsValid)
            throw new UserError($"tenant '{name}' cannot be added to {display}; nothing was written:\n" +
                string.Join("\n", result.Problems.Select(p => "  - " + About(p, index, name))));

        AtomicFile.CheckReplaceable(path, display);
        using (StackLock.Acquire(path, io.Clock, note => io.Error.WriteLine($"note: {note}")))
        {
            if (InputFile.ReadText(path, display, "stack file", InputLimits.StackFileBytes) != original)
                throw new UserError($"{display} changed while the tenant was being added; nothing was written — run the command again");
            AtomicFile.Write(path, UpgradeCommand.KeepByteOrderMark(path, display, updated), display);
        }
        var added = result.Config!.Tenants[index];
        io.Out.WriteLine($"Added tenant {added.Name} (group {added.Group ?? "none"}, tier {ConfigNames.Of(added.Tier)}) to {display}.");
        io.Out.WriteLine($"Its namespace {added.Name} is created by: pulumi up --stack {stack}   (review first: {StackLocator.Hint($"pmctl status {stack}", stacksDirOption)})");
        return ExitCodes.Ok;
    }

    /// <summary>A parser problem as the user of `tenant add` reads it: "item 3" is the tenant being added.</summary>
    private static string About(ConfigProblem problem, int index, string name)
    {
        if (problem.Key != ConfigKeys.Tenants.FullName || ItemPrefix().Match(problem.Message) is not { Success: true } m
            || int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) != index)
            return problem.ToString();
        var rest = problem.Message[m.Length..];
        foreach (var repeated in new[] { $" ({name})", $" name '{name}'" })
            rest = rest.StartsWith(repeated, StringComparison.Ordinal) ? rest[repeated.Length..] : rest;
        return $"tenant '{name}'{rest}";
    }

    [GeneratedRegex(@"^item (\d+)")]
    private static partial Regex ItemPrefix();

    internal sealed record TenantView(string Name, string Namespace, string? Group, string Tier);

    internal sealed record TenantList(string Stack, string File, IReadOnlyList<TenantView> Tenants);
}
