using McMaster.Extensions.CommandLineUtils;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Cli;

/// <summary>
/// Adds a plugin's commands to the host's parser: the plugin declares them through the SDK's types
/// (<see cref="ICommandDeclaration"/>), and only this folder knows they become McMaster commands.
/// </summary>
/// <param name="hostCommands">
/// For the host's own commands (<see cref="BuiltInCommands"/>): run as <see cref="CommandRunner.RunHostCommandAsync"/>
/// runs them, and without the lines on platforms and waiting in their help.
/// </param>
public sealed class CommandRegistrar(CommandLineApplication root, string invocationName, CommandRunner runner, Declarations declarations,
    bool hostCommands = false) : IHostCommandRegistrar
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
        Add(group.Command, command);
    }

    void IHostCommandRegistrar.Add(ISkupperCommand command)
    {
        if (!hostCommands) throw new InvalidOperationException("only the host adds a command with no group");
        Add(root, command);
    }

    private void Add(CommandLineApplication parent, ISkupperCommand command) =>
        parent.Command(command.Name, cmd =>
        {
            cmd.Description = command.Description;
            var page = declarations.AddPage(cmd, command.Platforms, hostCommand: hostCommands);
            command.Configure(new ParserDeclaration(cmd, invocationName, page, declarations));
            cmd.OnExecute(() => hostCommands ? runner.RunHostCommandAsync(cmd, command) : runner.RunAsync(cmd, command));
        }, throwOnUnexpectedArg: false);

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
