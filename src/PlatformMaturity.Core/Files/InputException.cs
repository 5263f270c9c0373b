namespace PlatformMaturity.Files;

/// <summary>
/// Input pmctl refuses to read: not a regular file, over a limit, not UTF-8, nested too deep. The message
/// names the file (and the line where there is one) and the limit; pmctl reports it with exit code 1.
/// </summary>
public sealed class InputException(string message) : Exception(message);
