using McMaster.Extensions.CommandLineUtils;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Cli;

/// <summary>
/// Adds a plugin's commands to the command tree and records what it added (top-level groups
/// and full command paths) for the command index.
/// </summary>
public sealed class CommandRegistrar(CommandLineApplication root, string invocationName, CommandRunner? runner) : ICommandRegistrar
{
    public string InvocationName => invocationName;

    /// <summary>Top-level names the plugin used, with their descriptions.</summary>
    public Dictionary<string, string> Groups { get; } = new(StringComparer.Ordinal);

    /// <summary>Full command paths (e.g. "token issue") with their descriptions.</summary>
    public List<(string Path, string Description)> Commands { get; } = [];

    public CommandLineApplication Group(string name, string description)
    {
        Groups.TryAdd(name, description);
        var existing = root.Commands.FirstOrDefault(c => c.Name == name);
        if (existing is not null)
        {
            if (string.IsNullOrEmpty(existing.Description)) existing.Description = description;
            return existing;
        }
        return root.Command(name, group =>
        {
            group.Description = description;
            group.OnExecute(() => SkupperCli.ShowHelpUnlessUnexpected(group, invocationName));
        }, throwOnUnexpectedArg: false);
    }

    public CommandLineApplication Add(CommandLineApplication parent, ISkupperCommand command)
    {
        var added = parent.Command(command.Name, cmd =>
        {
            cmd.Description = command.Description;
            command.Configure(cmd);
            if (runner is not null)
                cmd.OnExecute(() => runner.RunAsync(cmd, command));
        }, throwOnUnexpectedArg: false);
        Commands.Add((PathOf(added), command.Description));
        return added;
    }

    /// <summary>"token issue" for the command under root → token → issue.</summary>
    public static string PathOf(CommandLineApplication command)
    {
        var names = new List<string>();
        for (var c = command; c.Parent is not null; c = c.Parent) names.Add(c.Name!);
        names.Reverse();
        return string.Join(' ', names);
    }
}
