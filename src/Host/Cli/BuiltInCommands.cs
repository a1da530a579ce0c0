using System.Text.Json;
using McMaster.Extensions.CommandLineUtils;
using Skupper.Cli.Host.Plugins;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Cli;

/// <summary>Commands the host answers itself, from the command index, without loading any plugin.</summary>
public static class BuiltInCommands
{
    public static string HostVersion =>
        typeof(BuiltInCommands).Assembly.GetName().Version?.ToString(3) ?? "unknown";

    public static void AddVersion(CommandLineApplication root, HostEnvironment env, CommandIndex index)
    {
        root.Command("version", cmd =>
        {
            cmd.Description = "Display the version of the CLI and of each plugin.";
            cmd.OnExecute(() =>
            {
                SkupperCli.RejectUnexpected(cmd, env.InvocationName);
                var table = new TextTable("COMPONENT", "VERSION");
                table.Add(env.InvocationName.Replace(" skupper", "-skupper"), HostVersion);
                foreach (var p in index.Plugins)
                    table.Add($"plugin {p.Name}", p.IsWorking ? p.Version : p.Status);
                env.Out.Write(table.ToString());
                return ExitCodes.Success;
            });
        }, throwOnUnexpectedArg: false);
    }

    public static void AddPlugin(CommandLineApplication root, HostEnvironment env, CommandIndex index)
    {
        root.Command("plugin", group =>
        {
            group.Description = "Inspect the installed command plugins.";
            group.OnExecute(() => SkupperCli.ShowHelpUnlessUnexpected(group, env.InvocationName));
            group.Command("list", cmd =>
            {
                cmd.Description = "List every plugin found, with its version, folder, commands and status.";
                var output = cmd.Option("-o|--output <FORMAT>", "Output format: json (default: a plain listing).", CommandOptionType.SingleValue);
                cmd.OnExecute(() =>
                {
                    SkupperCli.RejectUnexpected(cmd, env.InvocationName);
                    if (output.Value() is { } format)
                    {
                        if (format != "json") throw SkupperException.Usage($"unknown output format \"{format}\": choose json");
                        env.Out.WriteLine(JsonSerializer.Serialize(index, CommandIndexJson.Default.CommandIndex));
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
                    return ExitCodes.Success;
                });
            }, throwOnUnexpectedArg: false);
        }, throwOnUnexpectedArg: false);
    }
}
