using System.CommandLine;
using PlatformMaturity.Cli.Output;
using PlatformMaturity.Cli.Stacks;
using PlatformMaturity.Cli.Views;
using PlatformMaturity.Config;
using PlatformMaturity.Model;
using PlatformMaturity.Planning;

namespace PlatformMaturity.Cli.Commands;

/// <summary>`pmctl plan &lt;stack&gt; --to &lt;level&gt;`: what moving the stack to a level means, computed offline.</summary>
internal static class PlanCommand
{
    public static Command Create(CliIO io)
    {
        var stack = StackLocator.StackArgument();
        var stacksDir = StackLocator.Option();
        var to = Choices.LevelOption("--to", "Target level, 1 to 5");
        to.Required = true;
        var output = OutputOption.Create(OutputFormat.Text, OutputFormat.Json, OutputFormat.Markdown);
        var command = new Command("plan", "Plan a stack's move to another level: practices, resource changes with provenance, steps, gates, risks, cost")
        {
            stack, stacksDir, to, output,
        };
        command.SetAction(parse =>
        {
            var loaded = StackLocator.Load(io, parse.GetValue(stack)!, parse.GetValue(stacksDir));
            var target = parse.GetValue(to);
            if (target == loaded.Config.Level)
                throw new UserError($"stack {loaded.Config.Stack} is already at Level {target}; plan a move to another level");
            var (plan, writes) = UpgradePlanner.Default.Plan(loaded.Raw, new PlanRequest(target));
            Print(io, PlanDocument.Of(plan, writes, MaturityModel.Default), parse.GetValue(output));
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static void Print(CliIO io, PlanDocument plan, OutputFormat format)
    {
        if (format == OutputFormat.Json)
            Json.Write(io.Out, plan);
        else
            plan.Write(DocumentWriter.For(format, io.Out));
    }
}
