namespace Skupper.Cli.Sdk;

/// <summary>Exit codes every command uses.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    /// <summary>The main work succeeded but an after-hook failed.</summary>
    public const int HookFailure = 3;
}

/// <summary>
/// An error meant for the user: the host prints <c>Error: {Message}</c> on stderr
/// and exits with <see cref="ExitCode"/>. No stack trace is shown.
/// </summary>
public class SkupperException : Exception
{
    public SkupperException(string message, int exitCode = ExitCodes.Failure, Exception? inner = null, string? hint = null)
        : base(message, inner)
    {
        ExitCode = exitCode;
        Hint = hint;
    }

    public int ExitCode { get; }

    /// <summary>What to do about it, printed after the error lines without the <c>Error:</c> prefix.</summary>
    public string? Hint { get; }

    /// <summary>A usage error (bad flag, bad argument): exit code 2.</summary>
    public static SkupperException Usage(string message, string? hint = null) => new(message, ExitCodes.Usage, hint: hint);

    /// <summary>Several validation problems reported together, one per line.</summary>
    public static SkupperException FromProblems(IReadOnlyList<string> problems, int exitCode = ExitCodes.Failure) =>
        new(problems.Count == 1 ? problems[0] : string.Join(Environment.NewLine, problems), exitCode);
}
