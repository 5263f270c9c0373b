using PlatformMaturity.Cli.Output;
using System.CommandLine;
using PlatformMaturity.Cli.Stacks;
using PlatformMaturity.Composition;
using PlatformMaturity.Rendering;

namespace PlatformMaturity.Cli.Commands;

/// <summary>`pmctl graph &lt;stack&gt;`: the component graph as a Mermaid or DOT diagram.</summary>
internal static class GraphCommand
{
    public static Command Create(CliIO io)
    {
        var stack = StackLocator.StackArgument();
        var stacksDir = StackLocator.Option();
        var format = Choices.OneOf("--format", "Diagram format: mermaid or dot (default: mermaid)", ["mermaid", "dot"], "mermaid", "-f");
        var command = new Command("graph", "Print the stack's component graph as a Mermaid or Graphviz DOT diagram") { stack, stacksDir, format };
        command.SetAction(parse =>
        {
            var graph = Composer.Default.Compose(StackLocator.Load(io, parse.GetValue(stack)!, parse.GetValue(stacksDir)).Config);
            io.Out.Write(parse.GetValue(format) == "dot" ? GraphDiagram.Dot(graph) : GraphDiagram.Mermaid(graph));
            return ExitCodes.Ok;
        });
        return command;
    }
}
