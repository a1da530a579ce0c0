using McMaster.Extensions.CommandLineUtils;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Cli;

/// <summary>
/// What plugins declare about their commands beyond what the parser keeps: the sections of each
/// command's help page and what a tab press offers for each value. One per command tree (one run),
/// filled by <see cref="ParserDeclaration"/>, read by <see cref="HostHelpText"/> and <see cref="Completion"/>.
/// </summary>
public sealed class Declarations
{
    private readonly Dictionary<CommandLineApplication, CommandPage> _pages = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<object, ValueCompletion> _values = new(ReferenceEqualityComparer.Instance);

    /// <summary>The page of a command a plugin declared; null for groups and the host's own commands.</summary>
    public CommandPage? PageOf(CommandLineApplication command) => _pages.GetValueOrDefault(command);

    public CommandPage AddPage(CommandLineApplication command, IReadOnlyList<Platform> platforms, bool hostCommand = false) =>
        _pages[command] = new CommandPage(platforms) { HostCommand = hostCommand };

    public void Complete(CommandOption option, ValueCompletion? values)
    {
        if (values is not null) _values[option] = values;
    }

    public void Complete(CommandArgument argument, ValueCompletion? values)
    {
        if (values is not null) _values[argument] = values;
    }

    public ValueCompletion? ValuesOf(CommandOption option) => _values.GetValueOrDefault(option);

    public ValueCompletion? ValuesOf(CommandArgument argument) => _values.GetValueOrDefault(argument);
}

/// <summary>The parts of a command's help the host lays out the same way for every plugin.</summary>
public sealed class CommandPage(IReadOnlyList<Platform> platforms)
{
    public IReadOnlyList<Platform> Platforms => platforms;

    /// <summary>One of the host's own commands: they run anywhere and return at once, so their help says neither.</summary>
    public bool HostCommand { get; init; }

    public string? Details { get; set; }
    public string? WaitsFor { get; set; }
    public string? Examples { get; set; }
    public HashSet<CommandArgument> Required { get; } = new(ReferenceEqualityComparer.Instance);
}
