using Skupper.Cli.Host.Cli;
using Skupper.Cli.Host.Plugins;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Native;

/// <summary>
/// The native executable's plugins: the bundled ones, linked in and registered through their
/// <see cref="ISkupperPlugin"/> entry points, and the third-party ones as the managed host's command
/// index lists them (read, never rebuilt here: only a runtime can load an assembly).
/// </summary>
public sealed class LinkedPlugins(HostEnvironment env, IReadOnlyList<(string Name, ISkupperPlugin Plugin)> linked) : IPluginSource
{
    private readonly HostEnvironment _managed = env.WithExecutableDirectory(ManagedHost.DirectoryOf(env));
    private IReadOnlyList<PluginEntry>? _thirdParty;
    private bool _thirdPartyRead;

    /// <summary>
    /// Whether the managed host must answer. A bundled command (<c>site create</c>) is always the linked plugin's: answered
    /// here, with no look at the plugins on disk. A command word that no linked plugin and no built-in owns is a
    /// third-party plugin's (or a typo): handed over at once, with no look at the plugins on disk, which the managed host
    /// makes anyway. The rest (help, completion, <c>version</c>, <c>plugin list</c>, and a bundled group alone or with a
    /// word its linked plugin does not know, which a third-party plugin may add: <c>site backup</c>) stays here while the
    /// command index is fresh and names no third-party command there, listing the third-party commands from the index; with
    /// a stale index the managed host answers and rebuilds it, so the next run is answered here again. Without the managed
    /// host (a partial install) they stay here and list the bundled plugins alone.
    /// </summary>
    public bool ManagedHostRuns(string[] args)
    {
        var words = Completion.IsRequest(args)
            ? GlobalOptions.CommandWords(args.Length > 2 ? args[1..^1] : [])
            : GlobalOptions.CommandWords(args);
        var first = words.Count > 0 ? words[0] : null;
        if (first is not null && linked.Any(l => LinkedEntry(l).Groups.ContainsKey(first)))
        {
            if (words.Count > 1 && linked.Any(l => LinkedEntry(l).Commands.Contains($"{first} {words[1]}"))) return false;
            return ThirdPartyInstalled() && ManagedHost.IsInstalled(env)
                && (ThirdParty() is not { } fresh || fresh.Any(p => p.IsWorking && p.Groups.ContainsKey(first)));
        }
        if (first is not null && !BuiltInCommands.Names.Contains(first)) return true;
        return ThirdPartyInstalled() && ThirdParty() is null && ManagedHost.IsInstalled(env);
    }

    public CommandIndex Index
    {
        get
        {
            if (field is not null) return field;
            var index = new CommandIndex();
            index.Plugins.AddRange(ThirdPartyInstalled() ? ThirdParty() ?? [] : []);
            // The managed host's order: its plugins/ folders, sorted.
            index.Plugins.AddRange(linked.Select(LinkedEntry).OrderBy(e => e.Name, StringComparer.Ordinal));
            // The managed host resolved the index with its copies of the linked plugins, so this changes nothing; it makes
            // sure that a bundled command is the linked one even where that copy is missing.
            CommandOwnership.Resolve(index.Plugins);
            return field = index;
        }
    }

    public string Describe(PluginEntry entry) =>
        $"plugin {entry.Name} is linked into {Path.Combine(env.ExecutableDirectory, "kubectl-skupper")}";

    public ISkupperPlugin Create(PluginEntry entry) =>
        linked.FirstOrDefault(l => l.Name == entry.Name && entry.Source == PluginRoots.Bundled).Plugin
        ?? throw new PluginLoadException("a third-party plugin runs in the managed host, not in the native executable");

    private readonly Dictionary<string, PluginEntry> _linkedEntries = new(StringComparer.Ordinal);

    private PluginEntry LinkedEntry((string Name, ISkupperPlugin Plugin) l)
    {
        if (_linkedEntries.TryGetValue(l.Name, out var entry)) return entry;
        var registrar = new RecordingRegistrar(env.InvocationName, configure: false);
        l.Plugin.Register(registrar);
        return _linkedEntries[l.Name] = new PluginEntry
        {
            Name = l.Name,
            // Where the managed host's listing puts the same plugin (its copy in lib/plugins), so that plugin list says
            // the same whichever side answers; the executable itself in a partial install without lib/.
            Folder = Directory.Exists(Path.Combine(_managed.ExecutableDirectory, "plugins", l.Name))
                ? Path.Combine(_managed.ExecutableDirectory, "plugins", l.Name)
                : Path.Combine(env.ExecutableDirectory, "kubectl-skupper"),
            Source = PluginRoots.Bundled,
            Version = l.Plugin.GetType().Assembly.GetName().Version?.ToString(3),
            Groups = registrar.Groups,
            Commands = registrar.Commands,
        };
    }

    private bool? _installed;
    private IReadOnlyList<PluginRoot>? _roots;

    /// <summary>The managed host's roots: its bundled <c>lib/plugins</c> count in the index's fingerprint.</summary>
    private IReadOnlyList<PluginRoot> Roots => _roots ??= PluginRoots.For(_managed);

    /// <summary>
    /// Whether any plugin folder exists but the managed host's copies of the linked ones: the common case, none, needs
    /// no index at all. A listing of each root, no file read.
    /// </summary>
    private bool ThirdPartyInstalled() =>
        _installed ??= Roots.Any(r => Directory.Exists(r.Path) &&
            Directory.EnumerateDirectories(r.Path).Any(d => !IsLinkedCopy(r, Path.GetFileName(d))));

    private bool IsLinkedCopy(PluginRoot root, string name) => root.Source == PluginRoots.Bundled && linked.Any(l => l.Name == name);

    /// <summary>The third-party entries of a fresh command index, or null when there is none.</summary>
    private IReadOnlyList<PluginEntry>? ThirdParty()
    {
        if (_thirdPartyRead) return _thirdParty;
        _thirdPartyRead = true;
        var store = new CommandIndexStore(_managed);
        var index = store.TryRead(CommandIndexStore.Discover(Roots));
        if (index is null && env.Debug) env.Error.WriteLine("debug: no fresh command index; the managed host answers and rebuilds it");
        return _thirdParty = index?.Plugins.Where(p => !(p.Source == PluginRoots.Bundled && linked.Any(l => l.Name == p.Name))).ToList();
    }
}
