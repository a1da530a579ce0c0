using System.Text.Json.Serialization;

namespace Skupper.Cli.Host.Plugins;

/// <summary>
/// Which plugin provides which commands, built by loading every plugin once and cached on
/// disk, so that a run loads only the plugin that owns the invoked command.
/// </summary>
public sealed class CommandIndex
{
    /// <summary>A hash of every plugin file with its size and time, and the host's own version: any change rebuilds the index.</summary>
    public string Fingerprint { get; set; } = "";
    /// <summary>In order of precedence.</summary>
    public List<PluginEntry> Plugins { get; set; } = [];

    public IEnumerable<PluginEntry> Working => Plugins.Where(p => p.IsWorking);

    /// <summary>
    /// The working plugins in the order their commands are added to the parser: the order in which they claim commands
    /// (<see cref="CommandOwnership"/>), bundled ones first, so that a group a third-party plugin adds to (<c>site backup</c>)
    /// keeps the bundled plugin's description.
    /// </summary>
    public IEnumerable<PluginEntry> InRegistrationOrder => CommandOwnership.ClaimOrder(Plugins);

    /// <summary>
    /// The plugins a run with these command words loads: the one that owns the invoked command (<c>site create</c>), else
    /// every plugin that adds a command to the invoked group (its help, its completion, a word none of them knows).
    /// </summary>
    public IReadOnlyList<PluginEntry> ToLoad(IReadOnlyList<string> words)
    {
        if (words.Count == 0) return [];
        if (words.Count > 1 && Working.FirstOrDefault(p => p.Commands.Contains($"{words[0]} {words[1]}")) is { } owner) return [owner];
        return Working.Where(p => p.Groups.ContainsKey(words[0])).ToList();
    }

    /// <summary>The one line each plugin that is refused, broken or denied a command gives on every run.</summary>
    public IEnumerable<string> Warnings(string invocationName) =>
        Plugins.Select(p => p.Warning(invocationName)).OfType<string>();
}

public sealed class PluginEntry
{
    public string Name { get; set; } = "";
    public string Folder { get; set; } = "";
    /// <summary>SKUPPER_PLUGIN_PATH, user or bundled.</summary>
    public string Source { get; set; } = "";
    public string? EntryAssembly { get; set; }
    public string? Version { get; set; }
    /// <summary>Null when the plugin works; else why it does not.</summary>
    public string? Broken { get; set; }
    /// <summary>
    /// Null when its files may be trusted; else why not (see <see cref="PluginFolder"/>). A refused plugin is never loaded.
    /// </summary>
    public string? Refused { get; set; }

    /// <summary>ok, broken or refused.</summary>
    public string Status => Refused is not null ? "refused" : Broken is not null ? "broken" : "ok";

    /// <summary>
    /// The status with its reason, as <c>plugin list</c> shows it; for a working plugin, how many commands it did not get.
    /// </summary>
    [JsonIgnore]
    public string StatusText => Refused is not null ? $"refused: {Refused}"
        : Broken is not null ? $"broken: {Broken}"
        : Conflicts.Count > 0 ? $"ok ({Conflicts.Count} {(Conflicts.Count == 1 ? "command" : "commands")} not added)"
        : "ok";

    [JsonIgnore]
    public bool IsWorking => Refused is null && Broken is null;

    /// <summary>
    /// The one warning a plugin gives on every run when it is refused, broken, or denied commands that another owns (then
    /// one line for all of them, each with its owner); null for a plugin that works and got every command it registered.
    /// </summary>
    public string? Warning(string invocationName) =>
        Refused is not null ? $"Warning: plugin \"{Name}\" in {Folder} refused: {Refused}"
        : Broken is not null ? $"Warning: plugin \"{Name}\" in {Folder} not loaded: {Broken}"
        : Conflicts.Count > 0
            ? $"Warning: plugin \"{Name}\" in {Folder}: {ConflictSummary()}; run \"{invocationName} plugin list\" for details"
        : null;

    /// <summary>
    /// The commands it did not get, grouped by owner: <c>command "site status" not added: the bundled plugin site provides it</c>,
    /// <c>commands "a b" and "a c" not added: plugin a in FOLDER provides them</c>.
    /// </summary>
    public string ConflictSummary() => string.Join("; ", Conflicts
        // One clause per owner: per plugin, and for the host per name it keeps ("version" for "version hello").
        .GroupBy(c => c with { Command = c.OwnerSource == CommandConflict.HostSource ? CommandOwnership.GroupOf(c.Command) : "" })
        .Select(owner =>
        {
            var paths = owner.Select(c => $"\"{c.Command}\"").ToArray();
            var listed = paths.Length == 1 ? $"command {paths[0]}" : $"commands {string.Join(", ", paths[..^1])} and {paths[^1]}";
            return $"{listed} not added: {owner.First().Reason(several: paths.Length > 1)}";
        }));

    /// <summary>Top-level command names and their descriptions.</summary>
    public Dictionary<string, string> Groups { get; set; } = [];
    /// <summary>Full command paths (e.g. "token issue") this plugin owns.</summary>
    public List<string> Commands { get; set; } = [];
    /// <summary>Commands it registered that another owns, each with that owner (<see cref="CommandOwnership"/>).</summary>
    public List<CommandConflict> Conflicts { get; set; } = [];
}
