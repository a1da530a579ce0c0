using Skupper.Cli.Host.Services.Connection;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Services;

namespace Skupper.Cli.Host.Services;

/// <summary>The services one command run gets; each is created the first time the command asks for it.</summary>
public sealed class CommandContext : ICommandContext, IDisposable
{
    private readonly HostEnvironment _env;
    private readonly ConnectionFlags _flags;
    private readonly Lazy<ClusterAccess> _cluster;
    private readonly Lazy<IReadyWaiter> _waiter;

    public CommandContext(HostEnvironment env, ConnectionFlags flags, Platform platform, IOutput output, IHookRunner hooks,
        ConnectionWarmup? warmup = null)
    {
        _env = env;
        _flags = flags;
        Platform = platform;
        Output = output;
        Hooks = hooks;
        _cluster = new(() => platform == Platform.Kubernetes
            ? new ClusterAccess(env, flags, warmup)
            : throw new SkupperException($"there is no Kubernetes cluster on platform \"{platform.Name()}\""));
        _waiter = new(() => new ReadyWaiter(_cluster.Value));
    }

    public string InvocationName => _env.InvocationName;
    public Platform Platform { get; }
    public IOutput Output { get; }
    public Stream Input => _env.Input;
    public IHookRunner Hooks { get; }
    public IClusterAccess Cluster => _cluster.Value;
    public IReadyWaiter Waiter => _waiter.Value;

    public string Namespace => Platform == Platform.Kubernetes ? Cluster.Namespace : _flags.Namespace ?? "default";
    public string? GivenNamespace => _flags.Namespace;

    /// <summary>
    /// <c>SKUPPER_DATA_HOME</c> when set (an explicit override, e.g. for tests run as root), else
    /// <c>/var/lib/skupper</c> for root, else <c>$XDG_DATA_HOME/skupper</c>.
    /// </summary>
    public string DataHome => _env.Get("SKUPPER_DATA_HOME") ?? (_env.IsRoot
        ? "/var/lib/skupper"
        : Path.Combine(_env.XdgDir("XDG_DATA_HOME", ".local/share"), "skupper"));

    public void Dispose()
    {
        if (_cluster.IsValueCreated) _cluster.Value.Dispose();
    }
}
