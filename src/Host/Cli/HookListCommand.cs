using System.Text.Json.Nodes;
using McMaster.Extensions.CommandLineUtils;
using Skupper.Cli.Host.Hooks;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Cli;

/// <summary>
/// <c>hook list</c>: every hook found, in the order they run, where it is, the events it handles,
/// and whether it would be refused and why. Runs no hook and never loads Jint.
/// </summary>
public static class HookListCommand
{
    public static void Add(CommandLineApplication root, HostEnvironment env, Declarations declarations)
    {
        root.Command("hook", group =>
        {
            group.Description = "Inspect the JavaScript hooks that customise commands.";
            group.OnExecute(() => SkupperCli.ShowHelpUnlessUnexpected(group, env.InvocationName));
            group.Command("list", cmd =>
            {
                cmd.Description = "List every hook found, in run order, with its folder, events and status.";
                var output = ReportOutput.Add(cmd, declarations);
                cmd.OnExecute(() =>
                {
                    SkupperCli.RejectUnexpected(cmd, env.InvocationName);
                    var format = ReportOutput.Format(output);
                    var folders = HookDiscovery.Folders(env);
                    var hooks = HookDiscovery.Find(folders);
                    string settings;
                    try { settings = HookSettings.Load(env).Describe(); }
                    catch (SkupperException e) { settings = $"invalid: {e.Message}"; }
                    if (format is not null)
                    {
                        ReportOutput.Write(env, format, Report(folders, hooks, settings, env));
                        return ExitCodes.Success;
                    }
                    if (hooks.Count == 0)
                        env.Out.WriteLine("No hooks found.");
                    else
                    {
                        var table = new TextTable("HOOK", "EVENTS", "STATUS", "FOLDER");
                        foreach (var h in hooks)
                            table.Add(Printable.Path(h.Name), Events(h), h.Refused is null ? "ok" : Printable.Escape($"refused: {h.Refused}"), $"{Printable.Path(h.Folder.Path)} ({h.Folder.Source})");
                        env.Out.Write(table.ToString());
                    }
                    env.Out.WriteLine();
                    env.Out.WriteLine("Folders searched, in order:");
                    foreach (var f in folders)
                        env.Out.WriteLine($"  {Printable.Path(f.Path)} ({f.Source}{(Directory.Exists(f.Path) ? "" : ", absent")})");
                    env.Out.WriteLine($"Limits ({Printable.Path(HookSettings.PathFor(env))}): {settings}");
                    return ExitCodes.Success;
                });
            }, throwOnUnexpectedArg: false);
        }, throwOnUnexpectedArg: false);
    }

    private static string Events(HookFile h)
    {
        var events = h.Events.ToList();
        return events.Count == 0 ? "-" : string.Join(", ", events) + (h.IgnoreFailures ? " (failurePolicy Ignore)" : "");
    }

    /// <summary>What <c>-o json|yaml</c> shows; the fields are documented in docs/output.md.</summary>
    private static JsonObject Report(IReadOnlyList<HookFolder> folders, IReadOnlyList<HookFile> hooks, string settings, HostEnvironment env) => new()
    {
        ["folders"] = new JsonArray(folders.Select(f => (JsonNode)new JsonObject
        {
            ["path"] = f.Path, ["source"] = f.Source, ["exists"] = Directory.Exists(f.Path),
        }).ToArray()),
        ["hooks"] = new JsonArray(hooks.Select(h => (JsonNode)new JsonObject
        {
            ["name"] = h.Name,
            ["path"] = h.Path,
            ["folder"] = h.Folder.Path,
            ["source"] = h.Folder.Source,
            ["events"] = ReportOutput.Array(h.Events),
            ["exports"] = ReportOutput.Array(h.Exports.Order(StringComparer.Ordinal)),
            ["failurePolicy"] = h.IgnoreFailures ? "Ignore" : "Fail",
            ["status"] = h.Refused is null ? "ok" : "refused",
            ["refused"] = h.Refused,
        }).ToArray()),
        ["settingsFile"] = HookSettings.PathFor(env),
        ["limits"] = settings,
    };
}
