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
    /// <summary>Null when its files may be trusted; else why not (see <see cref="PluginFolder"/>). A refused plugin is never loaded.</summary>
    public string? Refused { get; set; }

    /// <summary>ok, broken or refused.</summary>
    public string Status => Refused is not null ? "refused" : Broken is not null ? "broken" : "ok";

    /// <summary>The status with its reason, as <c>plugin list</c> shows it.</summary>
    [JsonIgnore]
    public string StatusText => Refused is not null ? $"refused: {Refused}" : Broken is not null ? $"broken: {Broken}" : "ok";

    [JsonIgnore]
    public bool IsWorking => Refused is null && Broken is null;

    /// <summary>The one warning a plugin that does not work gives on every run.</summary>
    [JsonIgnore]
    public string Warning => Refused is not null
        ? $"Warning: plugin \"{Name}\" in {Folder} refused: {Refused}"
        : $"Warning: plugin \"{Name}\" in {Folder} not loaded: {Broken}";
    /// <summary>Top-level command names and their descriptions.</summary>
    public Dictionary<string, string> Groups { get; set; } = [];
    /// <summary>Full command paths (e.g. "token issue").</summary>
    public List<string> Commands { get; set; } = [];
}
