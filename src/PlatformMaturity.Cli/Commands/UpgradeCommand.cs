using PlatformMaturity.Text;
using System.CommandLine;
using System.Text.Json.Nodes;
using PlatformMaturity.Cli.Output;
using PlatformMaturity.Cli.Stacks;
using PlatformMaturity.Cli.Views;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Files;
using PlatformMaturity.Model;
using PlatformMaturity.Planning;

namespace PlatformMaturity.Cli.Commands;

/// <summary>
/// `pmctl upgrade &lt;stack&gt; --to &lt;level&gt;`: prints the plan, refuses while a gate is open, then writes the new
/// level, the keys it needs, attestations and staged enforcements into the stack file, atomically and under a lock.
/// </summary>
internal static class UpgradeCommand
{
    private const int MaxAttesterChars = 200;

    public static Command Create(CliIO io)
    {
        var stack = StackLocator.StackArgument();
        var stacksDir = StackLocator.Option();
        var to = Choices.LevelOption("--to", "Target level, 1 to 5 (one above the current unless --allow-skip)");
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the plan and the gates; write nothing (exit 1 while a gate is open)" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation" };
        var attest = new Option<string[]>("--attest") { Description = "Record that a requirement holds (repeat); ids are in pmctl describe <level>", HelpName = "id" };
        var by = new Option<string?>("--by") { Description = "Who attests (default: the current user)", HelpName = "name" };
        var allowSkip = new Option<bool>("--allow-skip") { Description = "Move more than one level, checking every level in between" };
        var allowDowngrade = new Option<bool>("--allow-downgrade") { Description = "Allow moving to a lower level (destroys what the higher level created)" };
        var promote = new Option<bool>("--promote") { Description = "Move staged enforcements (warn/audit) to enforcing" };
        var apply = new Option<bool>("--apply") { Description = "Then run pulumi preview and pulumi up for the stack" };
        var command = new Command("upgrade", "Move a stack to another level (or promote staged enforcement): plan, gates, then write the stack file")
        {
            stack, stacksDir, to, dryRun, yes, attest, by, allowSkip, allowDowngrade, promote, apply,
        };
        command.Validators.Add(result =>
        {
            var hasTo = result.GetResult(to) is not null;
            var promoting = result.GetValue(promote);
            if (promoting && hasTo)
                result.AddError("--promote works on the stack's current level; drop --to");
            else if (!promoting && !hasTo)
                result.AddError("--to <level> is required (or --promote to enforce staged enforcements)");
            if (result.GetResult(by) is not null && string.IsNullOrWhiteSpace(result.GetValue(by)))
                result.AddError("--by needs a name: who attests");
            // The name is written into the stack file and shown by status: one line of text of a person's name size.
            else if (result.GetValue(by) is { } who && (who.Length > MaxAttesterChars || who.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)))
                result.AddError($"--by '{Redaction.Echo(who)}' is not a name: 1 to {MaxAttesterChars} characters on one line, without control or invisible characters");
        });
        command.SetAction(parse =>
        {
            var request = new UpgradeRequest(
                parse.GetValue(stack)!, parse.GetValue(stacksDir), parse.GetResult(to) is null ? null : parse.GetValue(to), parse.GetValue(dryRun), parse.GetValue(yes),
                parse.GetValue(attest) ?? [], parse.GetValue(by), parse.GetValue(allowSkip), parse.GetValue(allowDowngrade),
                parse.GetValue(promote), parse.GetValue(apply));
            return Execute(io, request);
        });
        return command;
    }

    internal sealed record UpgradeRequest(string Stack, string? StacksDir, int? To, bool DryRun, bool Yes, IReadOnlyList<string> Attest,
        string? By, bool AllowSkip, bool AllowDowngrade, bool Promote, bool Apply);

    /// <summary>
    /// The edited text as bytes, with the UTF-8 byte order mark the file began with (the text was read without
    /// it): an upgrade changes the bytes it means to change and no other.
    /// </summary>
    internal static byte[] KeepByteOrderMark(string path, string display, string updated)
    {
        byte[] bom = [0xEF, 0xBB, 0xBF];
        var text = System.Text.Encoding.UTF8.GetBytes(updated);
        return InputFile.ReadBytes(path, display, "stack file", InputLimits.StackFileBytes).AsSpan().StartsWith(bom) ? [.. bom, .. text] : text;
    }

    private static int Execute(CliIO io, UpgradeRequest request)
    {
        var (raw, current, path, _, original) = StackLocator.Load(io, request.Stack, request.StacksDir);
        var (plan, writes) = request.Promote ? Promotion(current, raw, request) : LevelMove(current, raw, request);

        PlanDocument.Of(plan, writes, MaturityModel.Default).Write(DocumentWriter.For(OutputFormat.Text, io.Out));
        WarnAboutNeedlessAttestations(io, plan, request);
        var missing = plan.Practices.Where(p => p.Kind != PracticeChangeKind.Dropped && p.Kind != PracticeChangeKind.Superseded && p.State == PracticeState.NotImplementedYet).ToList();
        if (missing.Count > 0)
            io.Error.WriteLine($"warning: {Counted.Of(missing.Count, "practice")} of Level {plan.To} {(missing.Count == 1 ? "is" : "are")} not implemented yet in this version: {string.Join(", ", missing.Select(p => p.Practice))}");
        if (!plan.IsReady)
        {
            var open = plan.OpenGates.ToList();
            throw new UserError($"{Counted.Of(open.Count, "readiness gate")} {(open.Count == 1 ? "is" : "are")} open; nothing was written:\n" +
                string.Join("\n", open.Select(g => $"  - {g.Kind.ToString().ToLowerInvariant()} {g.Id} (Level {g.Level}): {StackLocator.Hint(g.HowToClose, request.StacksDir)}")));
        }
        if (request.DryRun)
        {
            io.Out.WriteLine("Dry run: every gate is closed; nothing was written.");
            return ExitCodes.Ok;
        }
        if (!Confirmed(io, request, plan))
            throw new UserError("not confirmed; nothing was written");

        var attestations = Attestations(io, current, request);
        var pulumi = request.Apply ? PulumiRunner.Locate(io, request.Stack, Path.GetDirectoryName(path)!) : default;
        var display = StackLocator.Relative(io, path);
        AtomicFile.CheckReplaceable(path, display);
        using (StackLock.Acquire(path, io.Clock, note => io.Error.WriteLine($"note: {note}")))
        {
            if (InputFile.ReadText(path, display, "stack file", InputLimits.StackFileBytes) != original)
                throw new UserError($"{StackLocator.Relative(io, path)} changed while planning; nothing was written — run the upgrade again");
            var edits = writes.Select(w => (w.Key, w.Value)).ToList();
            if (attestations is not null)
                edits.Add((ConfigKeys.Attestations, attestations));
            var updated = StackFileTemplate.Retitle(StackFileEditCheck.Apply(original, edits, display, request.Stack), plan.From, plan.To, MaturityModel.Default);
            PlatformConfigParser.ParseOrThrow(StackFile.Parse(updated, request.Stack, path), path);
            AtomicFile.Write(path, KeepByteOrderMark(path, display, updated), display);
        }
        io.Out.WriteLine(request.Promote
            ? $"Promoted: {StackLocator.Relative(io, path)} enforces every staged enforcement."
            : $"{(plan.IsDowngrade ? "Downgraded" : "Upgraded")}: {StackLocator.Relative(io, path)} is at Level {plan.To} - {MaturityModel.Default.Level(plan.To).Name}.");
        var updatedConfig = StackLocator.Load(io, request.Stack, request.StacksDir).Config;
        foreach (var secret in updatedConfig.MissingSecrets)
            io.Out.WriteLine($"Set before pulumi up: {secret.FullName} ({secret.Description}): pulumi config set --secret {secret.FullName} <value> --stack {request.Stack}");
        if (request.Apply)
            return PulumiRunner.PreviewAndUp(io, request.Stack, pulumi);
        io.Out.WriteLine($"Provision it with: pulumi up --stack {request.Stack}   (or pmctl upgrade ... --apply)");
        return ExitCodes.Ok;
    }

    /// <summary>Attestations this move does not need are recorded (they are true statements) but said to be needless.</summary>
    private static void WarnAboutNeedlessAttestations(CliIO io, UpgradePlan plan, UpgradeRequest request)
    {
        var attestable = plan.Gates.Where(g => g.Kind == GateKind.Attestation || (g.Kind == GateKind.Availability && g.HowToClose.Contains("--attest", StringComparison.Ordinal)))
            .Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var id in request.Attest.Distinct().Where(id => !attestable.Contains(id)))
        {
            var why = plan.Gates.Any(g => g.Id == id)
                ? "this stack's target computes its availability, an attestation cannot replace that"
                : $"no level from {Math.Min(plan.From, plan.To) + 1} to {Math.Max(plan.From, plan.To)} asks for it";
            io.Error.WriteLine($"warning: --attest {id} is not needed for this move ({why}); it is recorded as given");
        }
    }

    private static (UpgradePlan, System.Collections.Immutable.ImmutableArray<ConfigWrite>) Promotion(PlatformConfig current, RawConfig raw, UpgradeRequest request)
    {
        if (current.Staged.IsEmpty)
            throw new UserError($"stack {request.Stack} has no staged enforcement to promote");
        return UpgradePlanner.Default.PlanPromotion(raw);
    }

    private static (UpgradePlan, System.Collections.Immutable.ImmutableArray<ConfigWrite>) LevelMove(PlatformConfig current, RawConfig raw, UpgradeRequest request)
    {
        var to = request.To!.Value;
        if (to == current.Level)
            throw new UserError($"stack {request.Stack} is already at Level {to}");
        var unknown = request.Attest.Where(id => !KnownAttestations.Contains(id)).ToList();
        if (unknown.Count > 0)
            throw new UserError($"--attest {string.Join(", ", unknown)}: not a requirement id; the ids are listed by pmctl describe <level> (e.g. {KnownAttestations.First()})");
        if (to > current.Level + 1 && !request.AllowSkip)
            throw new UserError($"Level {current.Level} → {to} skips {Counted.Of(to - current.Level - 1, "level")}; upgrade one level at a time (--to {current.Level + 1}), or pass --allow-skip to check every level in between");

        var (plan, writes) = UpgradePlanner.Default.Plan(raw, new PlanRequest(to, request.Attest));
        if (plan.IsDowngrade && !request.AllowDowngrade)
        {
            static string Line(ResourceChange c) => $"  - {c.ResourceKind} {c.Resource} ({c.Provenance})" + (c.Retained ? $": {ResourceChange.RetainedText}" : "");
            var destroyed = plan.Changes.Where(c => c.Destroys).Select(Line).ToList();
            var retained = plan.Changes.Where(c => c.Retains).Select(Line).ToList();
            throw new UserError($"Level {current.Level} → {to} is a downgrade; it destroys {destroyed.Count} resources:\n" +
                string.Join("\n", destroyed) +
                (retained.Count > 0 ? $"\nand removes {retained.Count} from the stack that stay in Azure, not destroyed:\n" + string.Join("\n", retained) : "") +
                $"\nPass --allow-downgrade to do it; nothing was written");
        }
        return (plan, writes);
    }

    private static IReadOnlySet<string> KnownAttestations { get; } = MaturityModel.Default.Levels
        .SelectMany(l => l.Requirements.Select(r => r.Id))
        .Concat(AvailabilityModel.AttestationIds(MaturityModel.Default))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>The stack's attestations plus the new ones, or null when there is nothing new.</summary>
    private static JsonArray? Attestations(CliIO io, PlatformConfig current, UpgradeRequest request)
    {
        var fresh = request.Attest.Distinct().Where(id => !current.IsAttested(id)).ToList();
        if (fresh.Count == 0)
            return null;
        var by = request.By ?? Environment.UserName;
        var at = io.Clock.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        return new JsonArray([
            .. current.Attestations.Select(a => (JsonNode)new JsonObject { ["id"] = a.Id, ["by"] = a.By, ["at"] = a.At }),
            .. fresh.Select(id => (JsonNode)new JsonObject { ["id"] = id, ["by"] = by, ["at"] = at }),
        ]);
    }

    private static bool Confirmed(CliIO io, UpgradeRequest request, UpgradePlan plan)
    {
        if (request.Yes)
            return true;
        if (!io.Interactive)
            throw new UserError("confirmation needed: pass --yes to write the upgrade without a prompt; nothing was written");
        io.Out.Write(request.Promote ? "Promote staged enforcement? [y/N] " : $"Write Level {plan.To} into the stack? [y/N] ");
        return io.In.ReadLine()?.Trim().ToLowerInvariant() is "y" or "yes";
    }
}
