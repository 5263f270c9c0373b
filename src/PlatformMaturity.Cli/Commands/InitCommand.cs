using PlatformMaturity.Cli.Output;
using System.CommandLine;
using System.Text.Json.Nodes;
using PlatformMaturity.Cli.Stacks;
using PlatformMaturity.Config;
using PlatformMaturity.Files;
using PlatformMaturity.Composition;
using PlatformMaturity.Model;
using PlatformMaturity.Planning;

namespace PlatformMaturity.Cli.Commands;

/// <summary>`pmctl init`: bootstrap a new environment's stack file with every key its level needs.</summary>
internal static class InitCommand
{
    public static Command Create(CliIO io)
    {
        var stack = StackLocator.StackArgument();
        var level = Choices.LevelOption("--level", "Maturity level, 1 to 5", "-l");
        level.Required = true;
        var target = Choices.OneOf("--target", "existing (the cluster in your kubeconfig) or azure (AKS)", ConfigNames.Targets, aliases: "-t");
        target.Required = true;
        var environment = Choices.OneOf("--environment", "nonprod or prod (default: nonprod)", ConfigNames.Environments, "nonprod", "-e");
        var regions = new Option<string[]>("--region") { Description = "Azure region, primary first (repeat for more); default westeurope on azure", HelpName = "region" };
        var tenants = new Option<string[]>("--tenant") { Description = "A tenant as name[:group[:tier]] (repeat for more); the group is needed from Level 2", HelpName = "tenant" };
        var adminGroups = new Option<string[]>("--admin-group")
        {
            Description = "Azure: Entra ID object id of a group that administers the cluster (repeat for more); needed in prod from Level 2",
            HelpName = "object-id",
        };
        var stacksDir = StackLocator.Option();
        var force = new Option<bool>("--force") { Description = "Write a configuration the maturity model advises against (e.g. Level 1 in prod)" };

        var command = new Command("init", "Bootstrap a new environment: write stacks/Pulumi.<stack>.yaml for a level and target")
        {
            stack, level, target, environment, regions, tenants, adminGroups, stacksDir, force,
        };
        // A misspelt region or more regions than the level places clusters in is a usage error (exit 2), like any
        // option value outside its allowed set: an extra region would otherwise be written and silently unused.
        command.Validators.Add(result =>
        {
            var given = result.GetValue(regions) ?? [];
            foreach (var region in given.Where(r => !AzureRegions.IsRegion(r)))
                result.AddError($"--region {AzureRegions.Problem(region)}");
            // The level's own errors (missing, not a level) are reported by its option; the count needs a valid one.
            if (result.GetResult(level) is not { Tokens: [var token] }
                || !int.TryParse(token.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var levelNumber)
                || !MaturityModel.Default.IsLevel(levelNumber))
                return;
            var used = AzureRegions.UsedAt(levelNumber);
            if (given.Length > used)
                result.AddError($"--region is given {given.Length} times, but Level {levelNumber} places its cluster in {Text.Counted.Of(used, "region")}; " +
                    $"give at most {used} (more regions come with Fault-tolerant Workload Distribution at Level 4)");
        });
        command.SetAction(parse =>
        {
            var request = new InitRequest(
                parse.GetValue(stack)!, parse.GetValue(level), parse.GetValue(target)!, parse.GetValue(environment)!,
                parse.GetValue(regions) ?? [], parse.GetValue(tenants) ?? [], parse.GetValue(force), parse.GetValue(adminGroups) ?? []);
            var directory = StackLocator.StacksDirectory(io, parse.GetValue(stacksDir));
            var (path, warnings) = Execute(request, directory);
            foreach (var warning in warnings)
                io.Error.WriteLine($"warning: {warning}");
            io.Out.WriteLine($"Wrote {StackLocator.Relative(io, path)} ({MaturityModel.Default.Level(request.Level).Title}, target {request.Target}).");
            StatusCommand.WriteAvailability(io, Composer.Default.Compose(StackLocator.Load(io, request.Stack, parse.GetValue(stacksDir)).Config));
            var stacksDirOption = parse.GetValue(stacksDir);
            io.Out.WriteLine($"Next: {StackLocator.Hint($"pmctl status {request.Stack}", stacksDirOption)}   then   " +
                $"{StackLocator.Hint($"pmctl render {request.Stack} --out out/{request.Stack}", stacksDirOption)}   or   pulumi up --stack {request.Stack}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The options of one init, before validation.</summary>
    internal sealed record InitRequest(string Stack, int Level, string Target, string Environment,
        IReadOnlyList<string> Regions, IReadOnlyList<string> Tenants, bool Force, IReadOnlyList<string>? AdminGroups = null);

    /// <summary>Validates everything, then creates the file atomically; on any problem nothing is written.</summary>
    internal static (string Path, IReadOnlyList<string> Warnings) Execute(InitRequest request, string stacksDirectory)
    {
        var model = MaturityModel.Default;
        var path = StackLocator.StackPath(stacksDirectory, request.Stack);
        // --level, --target and --environment are checked by their options (usage errors), so these parse.
        ConfigNames.TryParseTarget(request.Target, out var target);
        ConfigNames.TryParseEnvironment(request.Environment, out var environment);
        if (target != DeploymentTarget.Azure && request.Regions.Count > 0)
            throw new UserError("--region applies to target azure only");
        if (target != DeploymentTarget.Azure && request.AdminGroups is { Count: > 0 })
            throw new UserError("--admin-group applies to target azure only");
        if (UnixFile.LinkStat(path).Kind != FileKind.Missing)
            throw new UserError($"{path} already exists; pmctl init never overwrites a stack (see pmctl status {request.Stack}, or pick another name)");

        var raw = RawConfig.Empty(request.Stack)
            .With(ConfigKeys.Level, request.Level)
            .With(ConfigKeys.Target, ConfigNames.Of(target))
            .With(ConfigKeys.Environment, ConfigNames.Of(environment))
            .With(ConfigKeys.Tenants, new JsonArray([.. request.Tenants.Select(ParseTenant)]))
            // A new cluster has no workloads to break: every control enforces, and the record says which it knows.
            .With(ConfigKeys.Enforced, Enforcements.Record());
        if (request.AdminGroups is { Count: > 0 } admins)
            raw = raw.With(ConfigKeys.AdminGroupObjectIds, new JsonArray([.. admins.Select(a => JsonValue.Create(a))]));
        // A new stack's clusters start in spoke VNets of their own (Level 4 peers them with a hub): an AKS cluster
        // cannot move into another VNet later, so the network is chosen at creation.
        if (target == DeploymentTarget.Azure)
            raw = raw.With(ConfigKeys.Network, ConfigKeys.NetworkSpoke);
        if (target == DeploymentTarget.Azure)
            raw = raw.With(ConfigKeys.Regions, new JsonArray([.. (request.Regions.Count > 0 ? request.Regions : ["westeurope"]).Select(r => JsonValue.Create(r))]));

        // From Level 4 (no single datacenter) two clusters in two regions, each across the zones its region has: one
        // cluster computes to at most 99.94%, two behind Front Door with DNS failover to 99.99996%.
        if (target == DeploymentTarget.Azure && request.Level >= 4)
        {
            var primary = request.Regions.Count > 0 ? request.Regions[0] : "westeurope";
            var zones = TopologyDefaults.ZonesFor(primary).Select(z => z!.GetValue<string>());
            var second = request.Regions.Count > 1 ? request.Regions[1] : null;
            // Level 5 (Multi-cluster Platform): three clusters in two regions, the third a GPU member beside the primary.
            var clusters = request.Level >= 5 ? TopologyDefaults.Fleet(primary, zones, second) : TopologyDefaults.TwoRegions(primary, zones, second);
            raw = raw.With(ConfigKeys.Clusters, clusters)
                .With(ConfigKeys.Regions, new JsonArray([.. clusters.Select(c => c!["region"]!.GetValue<string>()).Distinct().Select(r => JsonValue.Create(r))]));
        }

        // A level with an availability target gets a topology that reaches it where one cluster can (AKS Standard tier, 3 zones, 3 nodes).
        if (target == DeploymentTarget.Azure && AvailabilityModel.TargetFor(model, request.Level) is not null)
            raw = raw.With(ConfigKeys.SkuTier, "Standard").With(ConfigKeys.Zones, TopologyDefaults.ZonesFor(raw[ConfigKeys.Regions]![0]!.GetValue<string>())).With(ConfigKeys.NodeCount, 3);

        var config = ParseOptions(raw, request);
        // Breaking the model's don'ts or missing the level's availability target is refused; practices this version
        // does not implement yet are only reported (status repeats it), since nothing better can be chosen.
        var health = LevelHealth.Check(Composer.Default.Compose(config), model);
        var findings = Guardrails.Check(config, model).Concat(health.Where(f => f.Id != LevelHealth.PracticesNotImplemented)).ToList();
        if (findings.Count > 0 && !request.Force)
            throw new UserError(string.Join("\n", findings.Select(f => f.Message)) + "\nNothing was written; pass --force to write the stack anyway.");

        WriteNew(path, StackFileTemplate.Render(raw, request.Level, target, model));
        return (path, [.. health.Where(f => f.Id == LevelHealth.PracticesNotImplemented).Select(f => f.Message)]);
    }

    /// <summary>The config the options describe; problems name the option (--tenant …) rather than the stack key they fill.</summary>
    private static PlatformConfig ParseOptions(RawConfig raw, InitRequest request)
    {
        var result = PlatformConfigParser.Parse(raw);
        if (result.Config is { } config)
            return config;
        var problems = result.Problems.Select(p =>
        {
            var match = System.Text.RegularExpressions.Regex.Match(p.Message, @"^item (\d+) ");
            return p.Key == ConfigKeys.Tenants.FullName && match.Success && int.Parse(match.Groups[1].Value) < request.Tenants.Count
                ? new ConfigProblem($"--tenant '{Text.Redaction.Echo(request.Tenants[int.Parse(match.Groups[1].Value)])}'", p.Message[match.Length..])
                : p;
        });
        throw new StackConfigException("init options", [.. problems]);
    }

    /// <summary>name[:group[:tier]] as a tenant object.</summary>
    private static JsonNode ParseTenant(string spec)
    {
        var parts = spec.Split(':');
        if (parts.Length > 3 || parts.Any(string.IsNullOrWhiteSpace))
            throw new UserError($"--tenant '{spec}' is not name[:group[:tier]], e.g. team-a or team-a:team-a-devs:medium");
        var tenant = new JsonObject { ["name"] = parts[0] };
        if (parts.Length > 1)
            tenant["group"] = parts[1];
        if (parts.Length > 2)
            tenant["tier"] = parts[2];
        return tenant;
    }

    /// <summary>
    /// Writes the whole stack to a temporary sibling, then links it to its name without overwriting (link(2): of two
    /// inits exactly one wins; File.Move checks then renames, so both could). A killed init leaves no stack file rather than an empty one.
    /// </summary>
    private static void WriteNew(string path, string content)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.pmctl-tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(new System.Text.UTF8Encoding(false).GetBytes(content));
                stream.Flush(flushToDisk: true);
            }
            if (!UnixFile.TryLinkNew(temp, path))
                throw new UserError($"{path} already exists; pmctl init never overwrites a stack");
        }
        catch (IOException) when (UnixFile.LinkStat(path).Kind != FileKind.Missing)
        {
            throw new UserError($"{path} already exists; pmctl init never overwrites a stack");
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }
}
