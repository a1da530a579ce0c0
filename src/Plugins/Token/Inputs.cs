using Skupper.Cli.Sdk;

namespace Skupper.Plugins.Token;

/// <summary>Checks of command-line values shared by token issue and token redeem; each adds a problem instead of throwing.</summary>
internal static class Inputs
{
    /// <summary>The file name that means standard output (issue) or standard input (redeem), as for cat and kubectl apply -f.</summary>
    public const string Standard = FileArguments.Standard;

    /// <summary>
    /// The <c>&lt;file&gt;</c> of token issue and token redeem. Several values are taken so that "token issue a b" is
    /// refused in one line that names the usage (<see cref="FileArguments"/>).
    /// </summary>
    public static IArgumentValue TokenFile(ICommandDeclaration command, string description) =>
        command.Argument("file", description, multipleValues: true, required: true, values: ValueCompletion.FileName);

    /// <summary>The <c>--timeout</c> of token issue and token redeem, the Go CLI's: it covers the whole command.</summary>
    public static IOption<TimeSpan> Timeout(ICommandDeclaration command) =>
        command.Option("--timeout <DURATION>", "Raise an error if the operation does not complete in the given period of time",
            Parsers.Timeout("60s"));

    /// <summary>
    /// The namespace, read only once the command's own inputs are checked: reading it may read
    /// the kubeconfig, and a bad kubeconfig is then reported together with the other problems.
    /// </summary>
    public static string Namespace(ICommandContext context, Problems problems)
    {
        try
        {
            return context.Namespace;
        }
        catch (SkupperException e)
        {
            if (e.ExitCode == ExitCodes.Usage) problems.Usage(e.Message);
            else problems.Failure(e.Message);
            problems.ThrowIfAny();
            throw;
        }
    }

    /// <summary>
    /// Where <c>token issue</c> writes: a file that can be created, or "-" for standard output, refused
    /// on a terminal unless forced.
    /// </summary>
    public static string? TokenDestination(IArgumentValue argument, bool force, ICommandContext context, Problems problems)
    {
        var invocationName = context.InvocationName;
        var file = argument.SingleFile("token file", $"{invocationName} token issue <file>", problems);
        if (file == Standard)
        {
            // A token on screen is a secret in the scroll-back and over the shoulder.
            if (context.Output.OutIsTerminal && !force)
                problems.Usage("refusing to write the token to standard output: it is a terminal and the token holds a secret; " +
                               $"pipe it (\"| {invocationName} token redeem -\"), redirect it to a file only you can read " +
                               $"((umask 077; {invocationName} token issue - > token.yaml)), or add --force");
            return file;
        }
        if (file is not null) FileArguments.CheckCreatable(file, "token file", problems);
        if (force) problems.Usage("--force applies only to \"-\" (the token written to standard output)");
        return file;
    }
}
