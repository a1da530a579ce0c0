using McMaster.Extensions.CommandLineUtils;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Cli;

/// <summary>
/// <c>options</c>: the global options, which every command takes and no command's help repeats (kubectl's
/// <c>kubectl options</c>, whose wording it keeps). Answered from the root's declarations; loads no plugin.
/// </summary>
public static class OptionsCommand
{
    public const string Name = "options";

    public static void Add(CommandLineApplication root, HostEnvironment env, HostHelpText help)
    {
        root.Command(Name, cmd =>
        {
            cmd.Description = "Print the list of global command-line options (applies to all commands).";
            cmd.OnExecute(() =>
            {
                SkupperCli.RejectUnexpected(cmd, env.InvocationName);
                env.Out.WriteLine("The following options can be passed to any command:");
                env.Out.WriteLine();
                help.WriteGlobalOptions(root, env.Out);
                return ExitCodes.Success;
            });
        }, throwOnUnexpectedArg: false);
    }

    /// <summary>Whether <paramref name="command"/> is this command (whose help needs no pointer to itself).</summary>
    public static bool Is(CommandLineApplication command) => command.Name == Name && command.Parent is { Parent: null };
}
