namespace Skupper.Cli.Host.Plugins;

/// <summary>
/// A command a plugin registered but does not get, because another owns it (see <see cref="CommandOwnership"/>): the host
/// itself (a top-level name it keeps, such as <c>version</c>), a bundled plugin, or a third-party plugin of higher precedence.
/// </summary>
/// <param name="Command">The full command path, e.g. <c>site status</c>.</param>
/// <param name="OwnerSource"><see cref="HostSource"/>, or the owning plugin's <see cref="PluginEntry.Source"/>.</param>
/// <param name="OwnerName">The owning plugin's name; null when the host owns the command.</param>
/// <param name="OwnerFolder">The owning plugin's folder; null when the host owns the command.</param>
public sealed record CommandConflict(string Command, string OwnerSource, string? OwnerName, string? OwnerFolder)
{
    /// <summary>The owner source of a command the host keeps for itself.</summary>
    public const string HostSource = "host";

    public static CommandConflict BuiltIn(string command) => new(command, HostSource, null, null);

    public static CommandConflict ProvidedBy(string command, PluginEntry owner) => new(command, owner.Source, owner.Name, owner.Folder);

    /// <summary>
    /// Why the command is not the plugin's, for a warning or <c>plugin list</c>: <c>the bundled plugin site provides it</c>,
    /// <c>plugin grant in /home/you/.local/share/skupper/plugins/grant provides it</c>, <c>the host keeps "version" for itself</c>.
    /// <paramref name="several"/> words it for several commands that share this owner.
    /// </summary>
    public string Reason(bool several = false) => OwnerSource switch
    {
        HostSource => $"the host keeps \"{CommandOwnership.GroupOf(Command)}\" for itself",
        PluginRoots.Bundled => $"the bundled plugin {OwnerName} provides {(several ? "them" : "it")}",
        _ => $"plugin {OwnerName} in {OwnerFolder} provides {(several ? "them" : "it")}",
    };
}
