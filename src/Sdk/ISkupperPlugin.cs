namespace Skupper.Cli.Sdk;

/// <summary>
/// The entry point of a command plugin. The host creates the single public
/// implementation it finds in the plugin's entry assembly (it needs a public
/// parameterless constructor) and calls <see cref="Register"/>.
/// </summary>
public interface ISkupperPlugin
{
    /// <summary>Adds the plugin's command groups and commands.</summary>
    void Register(ICommandRegistrar registrar);
}

/// <summary>What a plugin uses to add its commands to the host's command tree.</summary>
public interface ICommandRegistrar
{
    /// <summary>"kubectl skupper" or "skupper": how the user invoked the CLI, for help and hints.</summary>
    string InvocationName { get; }

    /// <summary>A top-level command group such as <c>token</c>, created on first use.</summary>
    ICommandGroup Group(string name, string description);

    /// <summary>
    /// Adds <paramref name="command"/> under <paramref name="parent"/>. The host owns its execution:
    /// global options, the platform check, the command context, error reporting and exit codes.
    /// </summary>
    void Add(ICommandGroup parent, ISkupperCommand command);
}

/// <summary>
/// One command, e.g. <c>token issue</c>. Keeps to the lifecycle of a Skupper command:
/// validate (nothing changed yet, every problem reported together) → before hooks →
/// act → wait → write results → after hooks, undoing what it changed when a later step fails.
/// </summary>
public interface ISkupperCommand
{
    string Name { get; }
    string Description { get; }

    /// <summary>Where the command works; elsewhere the host refuses it before it runs.</summary>
    IReadOnlyList<Platform> Platforms { get; }

    /// <summary>Declares the command's arguments and options.</summary>
    void Configure(ICommandDeclaration command);

    /// <summary>Runs the command. Throw <see cref="SkupperException"/> for errors meant for the user.</summary>
    Task<int> ExecuteAsync(ICommandContext context, CancellationToken cancellationToken);
}
