namespace PlatformMaturity.Cli;

/// <summary>pmctl's exit codes.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A problem with the user's input or stack; the message is on stderr.</summary>
    public const int UserProblem = 1;

    /// <summary>The command line itself is wrong (unknown command or option, missing argument).</summary>
    public const int Usage = 2;

    /// <summary>upgrade --apply wrote the stack file, but pulumi preview or up then failed (the message says what to run).</summary>
    public const int WrittenNotApplied = 3;
}
