using PlatformMaturity.Cli;

var trace = StartupTrace.FromEnvironment();
var exit = Pmctl.Run(args, new CliIO(Console.Out, Console.Error, Environment.CurrentDirectory,
    input: Console.In, interactive: !Console.IsInputRedirected));
trace?.Write(Console.Error);
return exit;
