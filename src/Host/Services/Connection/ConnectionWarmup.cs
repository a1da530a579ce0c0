namespace Skupper.Cli.Host.Services.Connection;

/// <summary>
/// Resolves the connection and opens the first TLS connection on a background thread while the
/// host loads the plugin and the command checks its input, so the handshake (and .NET's first read
/// of the system trust store, which X509Chain does even when only the kubeconfig CA is trusted:
/// 60–70 ms measured in issue 16) overlaps work the command does anyway. The command takes the
/// result only if it resolved the same flags; otherwise, and on any failure, the warm-up is
/// dropped without a word and the command connects as usual. No credential plugin runs here.
/// </summary>
public sealed class ConnectionWarmup
{
    private readonly ConnectionFlags _flags;
    private readonly Task<(ConnectionSettings Settings, Stream? Stream)?> _task;
    private int _taken;

    private ConnectionWarmup(HostEnvironment env, ConnectionFlags flags)
    {
        _flags = flags;
        _task = Task.Run(async () =>
        {
            try
            {
                var settings = new ConnectionResolver(env, flags).Resolve();
                if (settings.Credentials is ExecCredentials && settings.ClientCertificate is null) return (settings, null);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                var stream = await new Transport(settings, new ProxySelector(env)).ConnectAsync(timeout.Token).ConfigureAwait(false);
                return ((ConnectionSettings, Stream?)?)(settings, stream);
            }
            catch (Exception)
            {
                return null; // the command will meet the same problem and report it
            }
        });
    }

    public static ConnectionWarmup Start(HostEnvironment env, ConnectionFlags flags) => new(env, flags);

    /// <summary>The settings resolved in the background, when the command's flags are the same.</summary>
    public ConnectionSettings? SettingsFor(ConnectionFlags flags) =>
        Same(flags) && _task.Result is { } r ? r.Settings : null;

    /// <summary>The open connection, once, for the settings it was made for.</summary>
    public async ValueTask<Stream?> TakeStreamAsync(ConnectionSettings settings)
    {
        if (Interlocked.Exchange(ref _taken, 1) == 1) return null;
        var result = await _task.ConfigureAwait(false);
        return result is { Stream: { } s } && ReferenceEquals(result.Value.Settings, settings) ? s : null;
    }

    private bool Same(ConnectionFlags flags) =>
        flags with { AsGroups = [] } == _flags with { AsGroups = [] } && flags.AsGroups.SequenceEqual(_flags.AsGroups);
}
