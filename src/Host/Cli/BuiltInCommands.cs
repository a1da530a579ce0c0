using System.Text.Json.Nodes;
using McMaster.Extensions.CommandLineUtils;
using Skupper.Cli.Host.Plugins;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Cli;

/// <summary>Commands the host answers itself, from the command index, without loading any plugin.</summary>
public static class BuiltInCommands
{
    public static string HostVersion =>
        typeof(BuiltInCommands).Assembly.GetName().Version?.ToString(3) ?? "unknown";

    public static void AddVersion(CommandLineApplication root, HostEnvironment env, CommandIndex index, Declarations declarations)
    {
        root.Command("version", cmd =>
        {
            cmd.Description = "Display the version of the CLI and of each plugin.";
            var output = ReportOutput.Add(cmd, declarations);
            cmd.OnExecute(() =>
            {
                SkupperCli.RejectUnexpected(cmd, env.InvocationName);
                var cli = env.InvocationName.Replace(" skupper", "-skupper");
                if (ReportOutput.Format(output) is { } format)
                {
                    ReportOutput.Write(env, format, new JsonObject
                    {
                        ["name"] = cli,
                        ["version"] = HostVersion,
                        ["plugins"] = new JsonArray(index.Plugins.Select(p => (JsonNode)new JsonObject
                        {
                            ["name"] = p.Name, ["version"] = p.Version, ["status"] = p.Status,
                        }).ToArray()),
                    });
                    return ExitCodes.Success;
                }
                var table = new TextTable("COMPONENT", "VERSION");
                table.Add(cli, HostVersion);
                foreach (var p in index.Plugins)
                    table.Add($"plugin {p.Name}", p.IsWorking ? p.Version : p.Status);
                env.Out.Write(table.ToString());
                return ExitCodes.Success;
            });
        }, throwOnUnexpectedArg: false);
    }

    public static void AddPlugin(CommandLineApplication root, HostEnvironment env, CommandIndex index, Declarations declarations)
    {
        root.Command("plugin", group =>
        {
            group.Description = "Inspect the installed command plugins.";
            group.OnExecute(() => SkupperCli.ShowHelpUnlessUnexpected(group, env.InvocationName));
            group.Command("list", cmd =>
            {
                cmd.Description = "List every plugin found, with its version, folder, commands and status.";
                var output = ReportOutput.Add(cmd, declarations);
                cmd.OnExecute(() =>
                {
                    SkupperCli.RejectUnexpected(cmd, env.InvocationName);
                    if (ReportOutput.Format(output) is { } format)
                    {
                        ReportOutput.Write(env, format, new JsonObject
                        {
                            ["plugins"] = new JsonArray(index.Plugins.Select(p => (JsonNode)new JsonObject
                            {
                                ["name"] = p.Name,
                                ["version"] = p.Version,
                                ["status"] = p.Status,
                                ["reason"] = p.Refused ?? p.Broken,
                                ["commands"] = ReportOutput.Array(p.Commands),
                                ["conflicts"] = Conflicts(p),
                                ["folder"] = p.Folder,
                                ["source"] = p.Source,
                            }).ToArray()),
                        });
                        return ExitCodes.Success;
                    }
                    if (index.Plugins.Count == 0)
                    {
                        env.Out.WriteLine("No plugins found.");
                        return ExitCodes.Success;
                    }
                    var table = new TextTable("NAME", "VERSION", "STATUS", "COMMANDS", "FOLDER");
                    foreach (var p in index.Plugins)
                        table.Add(p.Name, p.Version ?? "-", p.StatusText,
                            p.Commands.Count == 0 ? "-" : string.Join(", ", p.Commands), $"{p.Folder} ({p.Source})");
                    env.Out.Write(table.ToString());
                    // Which commands and who has them: too long for the table's status column.
                    var denied = index.Plugins.Where(p => p.IsWorking && p.Conflicts.Count > 0).ToList();
                    if (denied.Count > 0) env.Out.WriteLine();
                    foreach (var p in denied) env.Out.WriteLine(Printable.Escape($"{p.Name}: {p.ConflictSummary()}"));
                    return ExitCodes.Success;
                });
            }, throwOnUnexpectedArg: false);
        }, throwOnUnexpectedArg: false);
    }

    /// <summary>The commands a plugin registered but another owns, each with its owner; null (left out) when there are none.</summary>
    private static JsonArray? Conflicts(PluginEntry plugin) => plugin.Conflicts.Count == 0 ? null
        : new JsonArray(plugin.Conflicts.Select(c => (JsonNode)new JsonObject
        {
            ["command"] = c.Command,
            ["owner"] = c.OwnerName,
            ["ownerSource"] = c.OwnerSource,
            ["ownerFolder"] = c.OwnerFolder,
        }).ToArray());
}
