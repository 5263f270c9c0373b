using PlatformMaturity.Cli;

return Pmctl.Run(args, new CliIO(Console.Out, Console.Error, Environment.CurrentDirectory,
    input: Console.In, interactive: !Console.IsInputRedirected));
