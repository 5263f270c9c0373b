using System.CommandLine;
using PlatformMaturity.Cli.Output;
using PlatformMaturity.Cli.Stacks;
using PlatformMaturity.Composition;
using PlatformMaturity.Conformance;

namespace PlatformMaturity.Cli.Commands;

/// <summary>
/// `pmctl verify &lt;stack&gt; --ai-conformance`: Level 5's exit test, the CNCF Kubernetes AI Conformance checklist
/// (v1.35 MUSTs) answered from the stack's platform, as PRODUCT.yaml (or JSON). Exits 1 while a MUST is not implemented.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(CliIO io)
    {
        var stack = StackLocator.StackArgument();
        var stacksDir = StackLocator.Option();
        var aiConformance = new Option<bool>("--ai-conformance") { Description = $"Check the Kubernetes AI Conformance checklist {AiConformance.Version} (its MUST requirements), printed in the shape of its PRODUCT.yaml" };
        var output = OutputOption.Create(OutputFormat.Text, OutputFormat.Json);
        var command = new Command("verify", "Verify a stack's platform against a conformance checklist (--ai-conformance: Level 5's exit test)") { stack, stacksDir, aiConformance, output };
        command.SetAction(parse =>
        {
            if (!parse.GetValue(aiConformance))
            {
                io.Error.WriteLine("error: name the checklist to verify: --ai-conformance");
                return ExitCodes.UserProblem;
            }
            var loaded = StackLocator.Load(io, parse.GetValue(stack)!, parse.GetValue(stacksDir));
            var results = AiConformance.Check(Composer.Default.Compose(loaded.Config));
            if (parse.GetValue(output) == OutputFormat.Json)
                Json.Write(io.Out, results.Select(r => new { r.Requirement.Id, r.Requirement.Category, r.Requirement.Level, r.Status, r.Components, r.Objects, r.Notes }).ToList());
            else
                io.Out.Write(AiConformance.ProductYaml(loaded.Config, results));
            var missing = results.Where(r => r.Status == AiConformance.NotImplemented).Select(r => r.Requirement.Id).ToList();
            if (missing.Count == 0)
                return ExitCodes.Ok;
            io.Error.WriteLine($"not implemented on stack {loaded.Config.Stack} (Level {loaded.Config.Level}): {string.Join(", ", missing)}; Level 5 brings them.");
            return ExitCodes.UserProblem;
        });
        return command;
    }
}
