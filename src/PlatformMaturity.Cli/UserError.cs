namespace PlatformMaturity.Cli;

/// <summary>A problem with the user's input or stack: reported on stderr with exit code 1.</summary>
public sealed class UserError(string message) : Exception(message);
