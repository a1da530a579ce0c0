namespace Skupper.Cli.Sdk;

/// <summary>
/// The examples of a command's help, written once the way kubectl's and the Skupper command reference's are: a
/// <c># what it does</c> line, the command line as the user types it (starting with the name they invoked,
/// <c>kubectl skupper</c> or <c>skupper</c>, so that it can be pasted as it stands) and any output it prints; a blank
/// line between examples. The host indents them under <c>Examples:</c>. Added in SDK 2.1.
/// <code>
/// command.Example("Create a site", "site create west", "Waiting for status...\nSite \"west\" is ready.")
///        .Example("Generate a site and apply it", "site generate east | kubectl apply -f -")
///        .Example("Link two sites in one line", $"{HelpExamples.Cli} token issue - | {HelpExamples.Cli} token redeem -");
/// </code>
/// </summary>
public static class HelpExamples
{
    /// <summary>
    /// Stands for the invocation name inside a command line or an output, where it is not (only) at the start: in a
    /// pipe's second command, or in <c>(umask 077; {cli} link generate &gt; link.yaml)</c>.
    /// </summary>
    public const string Cli = "{cli}";

    /// <summary>
    /// Adds one example to <see cref="ICommandDeclaration.Examples"/>, after those already there.
    /// </summary>
    /// <param name="command">The command whose help shows it; its <see cref="ICommandDeclaration.InvocationName"/> is used.</param>
    /// <param name="comment">What the example does, without the <c>#</c>: <c>Create a site</c>.</param>
    /// <param name="commandLine">
    /// The command line after the invocation name (<c>site create west</c>); one that holds <see cref="Cli"/> is
    /// written as it is, with the invocation name in place of each <see cref="Cli"/>.
    /// </param>
    /// <param name="output">
    /// What the command prints, shown under it as it is (several lines, blank ones included); null for nothing.
    /// </param>
    public static ICommandDeclaration Example(this ICommandDeclaration command, string comment, string commandLine, string? output = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        var name = command.InvocationName;
        var line = commandLine.Contains(Cli, StringComparison.Ordinal)
            ? commandLine.Replace(Cli, name, StringComparison.Ordinal)
            : $"{name} {commandLine}";
        var shown = output is null ? "" : "\n" + output.Replace(Cli, name, StringComparison.Ordinal).TrimEnd('\n');
        var example = $"# {comment}\n$ {line}{shown}";
        command.Examples = string.IsNullOrEmpty(command.Examples) ? example : $"{command.Examples.TrimEnd('\n')}\n\n{example}";
        return command;
    }
}
