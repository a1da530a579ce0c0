using Skupper.Cli.Host;
using Skupper.Cli.Host.Hooks;

namespace Skupper.Cli.Hooks.Tests;

/// <summary>
/// Hook folders in a private temp directory, with the safe permissions StrictModes asks for
/// (folders 0755, files 0644), and a <see cref="HostEnvironment"/> reading them in-process.
/// </summary>
public sealed class HookWorkspace : IDisposable
{
    public HookWorkspace()
    {
        Root = Directory.CreateTempSubdirectory("skupper-hooks-").FullName;
        File.SetUnixFileMode(Root, Safe | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        Config = Folder("config");
        Home = Folder("home");
    }

    private const UnixFileMode Safe = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    public const UnixFileMode FolderMode = Safe | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    public string Root { get; }
    public string Config { get; }
    public string Home { get; }
    public StringWriter Out { get; } = new();
    public StringWriter Err { get; } = new();
    public Dictionary<string, string> Variables { get; } = new();

    public string Folder(string relative)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, FolderMode);
        return path;
    }

    /// <summary>Writes a hook file (mode 0644), creating its folder (0755) if needed.</summary>
    public string Hook(string folder, string name, string text)
    {
        var path = Path.Combine(folder, name);
        var dir = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(dir)) { Directory.CreateDirectory(dir); File.SetUnixFileMode(dir, FolderMode); }
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, Safe);
        return path;
    }

    /// <summary>A hooks folder on SKUPPER_HOOKS_PATH.</summary>
    public string PathFolder(string name = "hooks")
    {
        var f = Folder(name);
        Variables["SKUPPER_HOOKS_PATH"] = Variables.TryGetValue("SKUPPER_HOOKS_PATH", out var p) ? p + ":" + f : f;
        return f;
    }

    public void Settings(string json) =>
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(Config, "skupper")).FullName, "hooks.json"), json);

    public HostEnvironment Env()
    {
        var vars = new Dictionary<string, string>(Variables)
        {
            ["HOME"] = Home,
            ["XDG_CONFIG_HOME"] = Config,
            ["USER"] = "tester",
            [HookDiscovery.SystemFolderVariable] = Variables.GetValueOrDefault(HookDiscovery.SystemFolderVariable) ?? Path.Combine(Root, "no-system"),
        };
        if (!Variables.ContainsKey("SKUPPER_DEBUG")) vars.Remove("SKUPPER_DEBUG");
        return new HostEnvironment("/usr/bin/kubectl-skupper", AppContext.BaseDirectory, vars, Out, Err, errorIsTerminal: false, isRoot: true);
    }

    /// <summary>Whether <see cref="Runner"/> starts a warm-up for <c>token issue</c> first, as the CLI does.</summary>
    public bool WarmUp { get; init; }

    public HookRunner Runner()
    {
        var env = Env();
        return (HookRunner)HookRunner.Create(env, noHooks: false, WarmUp ? HookWarmup.Start(env, ["token", "issue"]) : null);
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
