using Skupper.Cli.Host.Cli;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Plugins;

/// <summary>
/// Records what a plugin registers (top-level groups and full command paths) for the command index,
/// without building a parser: the index needs names only. Each command's <see cref="ISkupperCommand.Configure"/>
/// still runs, so a plugin that fails while declaring its options is found broken here, not at run time; unless
/// <paramref name="configure"/> is false, for the plugins linked into the native executable: they cannot change after the
/// build, their tests declare every option, and declaring them all cost a tenth of <c>plugin list</c>'s CPU time (perf).
/// </summary>
internal sealed class RecordingRegistrar(string invocationName, bool configure = true) : IHostCommandRegistrar
{
    public string InvocationName => invocationName;

    /// <summary>Top-level names the plugin used, with their descriptions.</summary>
    public Dictionary<string, string> Groups { get; } = new(StringComparer.Ordinal);

    /// <summary>Full command paths (e.g. "token issue").</summary>
    public List<string> Commands { get; } = [];

    public ICommandGroup Group(string name, string description)
    {
        Groups.TryAdd(name, description);
        return new RecordedGroup(name);
    }

    public void Add(ICommandGroup parent, ISkupperCommand command)
    {
        if (configure) command.Configure(new InertDeclaration(invocationName));
        Commands.Add($"{parent.Name} {command.Name}");
    }

    /// <summary>A top-level command (the host's <c>version</c>): a top-level name, and a command path of one word.</summary>
    public void Add(ISkupperCommand command)
    {
        Groups.TryAdd(command.Name, command.Description);
        if (configure) command.Configure(new InertDeclaration(invocationName));
        Commands.Add(command.Name);
    }

    private sealed record RecordedGroup(string Name) : ICommandGroup;

    /// <summary>Declarations that are never parsed: every option and argument reads as not given.</summary>
    private sealed class InertDeclaration(string invocationName) : ICommandDeclaration, IOptionValue, IArgumentValue
    {
        public string InvocationName => invocationName;
        public string? ExtendedHelpText { get; set; }
        public string? Details { get; set; }
        public string? WaitsFor { get; set; }
        public string? Examples { get; set; }
        public IArgumentValue Argument(string name, string description, bool multipleValues = false, bool required = false,
            ValueCompletion? values = null) => this;
        public IOptionValue Option(string template, string description, OptionArity arity, ValueCompletion? values = null) => this;
        public IOptionValue HiddenOption(string template, OptionArity arity) => this;
        public string LongName => "";
        public bool HasValue() => false;
        public string? Value() => null;
        public string Name => "";
        IReadOnlyList<string?> IArgumentValue.Values => [];
        string? IArgumentValue.Value => null;
    }
}
