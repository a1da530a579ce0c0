using Skupper.Cli.Host.Hooks;
using Skupper.Cli.Host.Plugins;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Cli;

/// <summary>
/// The host's own commands (<c>version</c>, <c>plugin list</c>, <c>hook list</c>) as an in-process plugin, registered
/// through the same <see cref="ICommandRegistrar"/> as the bundled plugins, so that the host has one command model. They
/// answer from what the host already knows (the command index, the hook folders), so they run on every platform, need no
/// cluster and load no other plugin.
/// </summary>
internal sealed class BuiltInCommands(HostEnvironment env, CommandIndex index) : ISkupperPlugin
{
    public static string HostVersion =>
        typeof(BuiltInCommands).Assembly.GetName().Version?.ToString(3) ?? "unknown";

    /// <summary>
    /// The top-level names the host keeps for itself (<see cref="CommandOwnership"/>): those this plugin registers, and
    /// the two words of the parser that are not commands of a plugin: <c>options</c>, which lists the parser's own global
    /// options (<see cref="OptionsCommand"/>), and <c>help</c>, which kubectl and cobra give to help, so that no plugin
    /// makes either mean something else. Recorded once, before any command index is read (the native executable decides
    /// with them whether to start the managed host): registering runs no command, so a plugin over an empty environment
    /// and index registers the names that the one a run uses does.
    /// </summary>
    public static IReadOnlySet<string> Names => NameSet;

    /// <summary>Whether <paramref name="word"/> is one of <see cref="Names"/>, without making a string of it.</summary>
    public static bool Owns(ReadOnlySpan<char> word) => NameLookup.Contains(word);

    private static readonly HashSet<string> NameSet = Record();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NameLookup =
        NameSet.GetAlternateLookup<ReadOnlySpan<char>>();

    public void Register(ICommandRegistrar registrar)
    {
        // version is a top-level command with no group, which the SDK's registrar has no way to add.
        var host = registrar as IHostCommandRegistrar
            ?? throw new ArgumentException("the built-in commands are registered by the host's own registrar", nameof(registrar));
        host.Add(new VersionCommand(index));
        host.Add(host.Group("plugin", "Inspect the installed command plugins."), new PluginListCommand(index));
        host.Add(host.Group("hook", "Inspect the JavaScript hooks that customise commands."),
            new HookListCommand(env, HookDiscovery.Folders(env)));
    }

    private static HashSet<string> Record()
    {
        var empty = new HostEnvironment("", "", new Dictionary<string, string>(), TextWriter.Null, TextWriter.Null,
            errorIsTerminal: false, isRoot: false);
        var registrar = new RecordingRegistrar("", configure: false);
        new BuiltInCommands(empty, new CommandIndex()).Register(registrar);
        return new HashSet<string>([.. registrar.Groups.Keys, "help", OptionsCommand.Name], StringComparer.Ordinal);
    }
}
