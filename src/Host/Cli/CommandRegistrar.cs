using McMaster.Extensions.CommandLineUtils;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Cli;

/// <summary>
/// Adds a plugin's commands to the host's parser: the plugin declares them through the SDK's types
/// (<see cref="ICommandDeclaration"/>), and only this folder knows they become McMaster commands.
/// </summary>
public sealed class CommandRegistrar(CommandLineApplication root, string invocationName, CommandRunner runner, Declarations declarations)
    : ICommandRegistrar
{
    public string InvocationName => invocationName;

    public ICommandGroup Group(string name, string description)
    {
        var existing = root.Commands.FirstOrDefault(c => c.Name == name);
        if (existing is not null)
        {
            if (string.IsNullOrEmpty(existing.Description)) existing.Description = description;
            return new ParserGroup(existing);
        }
        return new ParserGroup(root.Command(name, group =>
        {
            group.Description = description;
            group.OnExecute(() => SkupperCli.ShowHelpUnlessUnexpected(group, invocationName));
        }, throwOnUnexpectedArg: false));
    }

    public void Add(ICommandGroup parent, ISkupperCommand command)
    {
        if (parent is not ParserGroup group)
            throw new ArgumentException("the group must come from this registrar's Group method", nameof(parent));
        group.Command.Command(command.Name, cmd =>
        {
            cmd.Description = command.Description;
            command.Configure(new ParserDeclaration(cmd, invocationName, declarations.AddPage(cmd, command.Platforms), declarations));
            cmd.OnExecute(() => runner.RunAsync(cmd, command));
        }, throwOnUnexpectedArg: false);
    }

    /// <summary>"token issue" for the command under root → token → issue.</summary>
    public static string PathOf(CommandLineApplication command)
    {
        var names = new List<string>();
        for (var c = command; c.Parent is not null; c = c.Parent) names.Add(c.Name!);
        names.Reverse();
        return string.Join(' ', names);
    }

    private sealed class ParserGroup(CommandLineApplication command) : ICommandGroup
    {
        public CommandLineApplication Command => command;
        public string Name => command.Name!;
    }
}
