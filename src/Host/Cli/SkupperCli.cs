using McMaster.Extensions.CommandLineUtils;
using Skupper.Cli.Host.Hooks;
using Skupper.Cli.Host.Plugins;
using Skupper.Cli.Host.Services;
using Skupper.Cli.Host.Services.Connection;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Cli;

/// <summary>
/// The host: reads argv, finds which plugin owns the command from the command index, loads
/// only that plugin, runs the command, and turns every failure into one <c>Error:</c> line
/// and an exit code (0 success, 1 failure, 2 usage).
/// </summary>
public static partial class SkupperCli
{
    /// <param name="contexts">Where commands get their services; null for the host's own (tests give in-memory ones).</param>
    public static async Task<int> RunAsync(string[] args, HostEnvironment env, IPluginSource plugins, ContextFactory? contexts = null)
    {
        var console = new HostConsole(env);
        CoreDumps.Disable(env);
        try
        {
            // Shell completion (hidden): answered from the same command tree a run would build.
            if (Completion.IsRequest(args))
                return await Completion.RunAsync(args, env, words => Build(words, env, plugins, console)).ConfigureAwait(false);
            var hooksMayRun = RunsPluginCommand(args) && !args.Contains("--no-hooks");
            var warmup = StartWarmup(args, env);
            var hookWarmup = hooksMayRun ? HookWarmup.Start(env, GlobalOptions.CommandWords(args)) : null;
            var (app, _) = Build(args, env, plugins, console, warmup, hookWarmup, contexts);
            return await Task.Run(() => app.Execute(args)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            return Report(e is CommandParsingException refusal ? ParseRefusals.Reword(refusal, args, env.InvocationName) : e, env);
        }
        finally
        {
            console.Out.Flush();
            // Where start-up time goes, for the speed work: JIT is most of what is not I/O.
            if (env.Debug)
                env.Error.WriteLine($"debug: {System.Runtime.JitInfo.GetCompiledMethodCount()} methods JIT-compiled in " +
                    $"{System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:0} ms; " +
                    $"{(DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime).TotalMilliseconds:0} ms " +
                    "since the process started; " +
                    // Fresh memory is cleared by the collector and faulted in by the kernel: with 50 plugins, most of the page faults.
                    $"{GC.GetTotalAllocatedBytes() / 1024} KiB allocated");
        }
    }

    /// <summary>
    /// For a plugin command on Kubernetes, starts connecting while the plugin loads (see
    /// <see cref="ConnectionWarmup"/>). Not for help, built-ins or other platforms, and never an
    /// error of its own: the flags are parsed again, for real, by the command.
    /// </summary>
    private static ConnectionWarmup? StartWarmup(string[] args, HostEnvironment env)
    {
        if (!RunsPluginCommand(args)) return null;
        try
        {
            var globals = GlobalOptions.Parse(args);
            if (new PlatformSelector(globals.Platform, env.Get("SKUPPER_PLATFORM")).Select() != Platform.Kubernetes) return null;
            return ConnectionWarmup.Start(env, globals.Connection);
        }
        catch (Exception e) when (e is CommandParsingException or SkupperException)
        {
            return null;
        }
    }

    /// <summary>Whether the command line may run a plugin command, so that warming up for it may pay.</summary>
    private static bool RunsPluginCommand(string[] args)
    {
        var words = GlobalOptions.CommandWords(args);
        return words.Count >= 2 && !BuiltInCommands.Names.Contains(words[0])
            && !args.TakeWhile(a => a != "--").Any(a => a is "-h" or "--help");
    }

    private static (CommandLineApplication App, Declarations Declarations) Build(string[] args, HostEnvironment env, IPluginSource plugins,
        HostConsole console, ConnectionWarmup? warmup = null, HookWarmup? hookWarmup = null, ContextFactory? contexts = null)
    {
        var declarations = new Declarations();
        var help = new HostHelpText(declarations);
        var index = plugins.Index;
        foreach (var warning in index.Warnings(env.InvocationName))
            env.Error.WriteLine(Printable.Escape(warning));

        var app = new CommandLineApplication(console)
        {
            Name = env.InvocationName,
            FullName = env.InvocationName,
            Description = "Skupper v2: connect services across Kubernetes clusters, Docker, Podman and Linux hosts.",
            // McMaster prints a hint on stdout before throwing; we report unexpected words ourselves.
            ThrowOnUnexpectedArgument = false,
            MakeSuggestionsInErrorMessage = true,
        };
        // The Skupper command reference's wording (shared/reference/cli/options.yaml, the help option).
        app.HelpOption("-h|--help", inherited: true).Description = "Display help and exit.";
        var globals = new GlobalOptions(app);
        app.OnExecute(() => ShowHelpUnlessUnexpected(app, env.InvocationName));
        app.OnParsingComplete(parsed => new LeftoverWords(args, env.InvocationName).Check(parsed.SelectedCommand));

        var output = new ConsoleOutput(env.Out, env.Error, env.ErrorIsTerminal, env.OutputIsTerminal);
        var runner = new CommandRunner(env, globals, output, () => HookRunner.Create(env, globals.NoHooks, hookWarmup), warmup, contexts);
        new BuiltInCommands(env, index).Register(new CommandRegistrar(app, env.InvocationName, runner, declarations, hostCommands: true));
        OptionsCommand.Add(app, env, help);

        // Only the plugin that owns the invoked command is loaded (for a group's help, those that add to it); the others
        // appear in help, completion and suggestions through their index entries. A command line whose first word is a
        // command the parser has by now (plugin list, site status) never shows the other groups, so they are left out:
        // with 50 plugins installed they were a tenth of what plugin list allocated.
        var words = GlobalOptions.CommandWords(args);
        var load = index.ToLoad(words);
        var listGroups = words.Count == 0
            || app.Commands.All(c => c.Name != words[0]) && !load.Any(p => p.Groups.ContainsKey(words[0]));
        foreach (var plugin in index.InRegistrationOrder)
        {
            if (load.Contains(plugin))
                Register(plugin, env, plugins,
                    new OwnedCommandsRegistrar(new CommandRegistrar(app, env.InvocationName, runner, declarations), plugin));
            if (!listGroups) continue;
            foreach (var (name, description) in plugin.Groups)
                if (app.Commands.All(c => c.Name != name))
                    app.Command(name, placeholder => placeholder.Description = description, throwOnUnexpectedArg: false);
        }
        HostHelpText.Apply(app, help);
        return (app, declarations);
    }

    /// <summary>What a command group does when run alone: help, or a usage error for a word it does not know.</summary>
    public static int ShowHelpUnlessUnexpected(CommandLineApplication cmd, string invocationName)
    {
        RejectUnexpected(cmd, invocationName);
        cmd.ShowHelp();
        return ExitCodes.Success;
    }

    /// <summary>
    /// Words left over after parsing, named in cobra's words. The parse has checked them already (see
    /// <see cref="LeftoverWords"/>); this stays for a command run on a tree parsed without that check.
    /// </summary>
    public static void RejectUnexpected(CommandLineApplication cmd, string invocationName) =>
        new LeftoverWords(cmd.RemainingArguments, invocationName).Check(cmd);

    private static void Register(PluginEntry plugin, HostEnvironment env, IPluginSource plugins, ICommandRegistrar registrar)
    {
        if (env.Debug) env.Error.WriteLine($"debug: {plugins.Describe(plugin)}");
        try
        {
            plugins.Create(plugin).Register(registrar);
        }
        catch (Exception e)
        {
            // The index said it worked; its files changed under us or it fails only now.
            var reason = e is PluginLoadException ? e.Message : PluginLoadException.Describe(e);
            env.Error.WriteLine(Printable.Escape($"Warning: plugin \"{plugin.Name}\" in {plugin.Folder} not loaded: {reason}"));
        }
    }

    /// <summary>
    /// Every failure's one place to the terminal. Messages carry what servers, kubeconfigs and token files said (API
    /// Status messages, reason phrases, names), so each line is made <see cref="Printable"/> here.
    /// </summary>
    private static int Report(Exception e, HostEnvironment env)
    {
        switch (e)
        {
            case SkupperException s:
                foreach (var line in s.Message.Split('\n'))
                    env.Error.WriteLine($"Error: {Printable.Escape(line.TrimEnd('\r'))}");
                if (s.Hint is not null) env.Error.WriteLine(s.Hint);
                if (env.Debug) env.Error.WriteLine(s);
                return s.ExitCode;
            case OperationCanceledException:
                env.Error.WriteLine("Error: interrupted");
                return ExitCodes.Failure;
            default:
                env.Error.WriteLine($"Error: {Printable.Escape(e.Message)}");
                if (env.Debug) env.Error.WriteLine(e);
                else env.Error.WriteLine("(set SKUPPER_DEBUG=1 to see where it failed)");
                return ExitCodes.Failure;
        }
    }
}
