using System.Runtime.InteropServices;
using McMaster.Extensions.CommandLineUtils;
using Skupper.Cli.Host.Services;
using Skupper.Cli.Host.Services.Connection;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Services;

namespace Skupper.Cli.Host.Cli;

/// <summary>
/// Makes the context a command runs with. The host's is <see cref="CommandContext"/>; a unit test gives one with in-memory
/// services, so that a command's own logic (options, validation, output) runs through the real parser without a cluster.
/// </summary>
public delegate ICommandContext ContextFactory(Platform platform, ConnectionFlags flags, IOutput output);

/// <summary>
/// Runs one plugin command the same way every time: select the platform, refuse it where the
/// command does not work, build the context, and cancel on Ctrl-C or SIGTERM.
/// </summary>
public sealed class CommandRunner(HostEnvironment env, GlobalOptions globals, IOutput output, Func<IHookRunner> hooks,
    ConnectionWarmup? warmup = null, ContextFactory? contexts = null)
{
    public async Task<int> RunAsync(CommandLineApplication cmd, ISkupperCommand command)
    {
        SkupperCli.RejectUnexpected(cmd, env.InvocationName);
        var platform = new PlatformSelector(globals.Platform, env.Get("SKUPPER_PLATFORM")).Select();
        if (!command.Platforms.Contains(platform))
            throw new SkupperException(
                $"\"{env.InvocationName} {CommandRegistrar.PathOf(cmd)}\" is not supported on platform \"{platform.Name()}\"; " +
                $"it is supported on {string.Join(", ", command.Platforms.Select(Title))}");
        if (platform != Platform.Kubernetes && globals.AnyConnectionFlag)
            output.Warning(
                $"Kubernetes connection flags (--context, --kubeconfig, --server, ...) are ignored on platform \"{platform.Name()}\"");

        using var cancel = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; cancel.Cancel(); });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx => { ctx.Cancel = true; cancel.Cancel(); });
        var context = contexts?.Invoke(platform, globals.Connection, output)
            ?? new CommandContext(env, globals.Connection, platform, output, hooks(), platform == Platform.Kubernetes ? warmup : null);
        try
        {
            return await command.ExecuteAsync(context, cancel.Token).ConfigureAwait(false);
        }
        finally
        {
            (context as IDisposable)?.Dispose();
        }
    }

    /// <summary>
    /// Runs one of the host's own commands (<see cref="BuiltInCommands"/>). They read only what the host knows, so they
    /// run whatever <c>--platform</c> or <c>SKUPPER_PLATFORM</c> says, even a platform that does not exist, ignore the
    /// connection flags without a warning, and raise no hook event (a refused hook file stops no <c>hook list</c>).
    /// </summary>
    public async Task<int> RunHostCommandAsync(CommandLineApplication cmd, ISkupperCommand command)
    {
        SkupperCli.RejectUnexpected(cmd, env.InvocationName);
        Platform platform;
        try { platform = new PlatformSelector(globals.Platform, env.Get("SKUPPER_PLATFORM")).Select(); }
        catch (SkupperException) { platform = Platform.Kubernetes; }
        using var context = new CommandContext(env, globals.Connection, platform, output, new NoHookRunner());
        return await command.ExecuteAsync(context, CancellationToken.None).ConfigureAwait(false);
    }

    private static string Title(Platform p) => p == Platform.Kubernetes ? "Kubernetes" : p.ToString();
}
