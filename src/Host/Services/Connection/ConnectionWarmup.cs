namespace Skupper.Cli.Host.Services.Connection;

/// <summary>
/// Resolves the connection and opens the first TLS connection on a background thread while the
/// host loads the plugin and the command checks its input, so the handshake (and .NET's first read
/// of the system trust store, which X509Chain does even when only the kubeconfig CA is trusted:
/// 60–70 ms, skipped when nothing needs it: <see cref="SystemTrustStore"/>) overlaps
/// work the command does anyway. The command takes the
/// result only if it resolved the same flags; otherwise, and on any failure, the warm-up is
/// dropped without a word and the command connects as usual. No credential plugin runs here.
/// </summary>
public sealed class ConnectionWarmup
{
    private sealed record Result(ConnectionSettings Settings, Stream? Stream, ConnectionException? Failure);

    private readonly ConnectionFlags _flags;
    private readonly Task<ConnectionSettings?> _settings;
    private readonly Task<Result?> _task;
    private int _taken;

    private ConnectionWarmup(HostEnvironment env, ConnectionFlags flags)
    {
        _flags = flags;
        // Two steps, so that the command, which needs the settings at once, never waits for the connection: it
        // blocked on the whole warm-up, and a proxy that never answered held every command.
        _settings = Task.Run(() =>
        {
            try
            {
                var settings = new ConnectionResolver(env, flags).Resolve();
                SystemTrustStore.SkipWhenUnused(env, settings);
                return settings;
            }
            catch (Exception)
            {
                return null; // the command resolves again and reports the problem
            }
        });
        _task = Task.Run(async () =>
        {
            if (await _settings.ConfigureAwait(false) is not { } settings) return null;
            if (settings.Credentials is ExecCredentials && settings.ClientCertificate is null) return new Result(settings, null, null);
            try
            {
                // The transport's own bounds apply (30 s to connect, 10 s for a proxy's answer and for the handshake),
                // and --request-timeout, as it bounds the command's own connection.
                using var bound = new CancellationTokenSource();
                if (settings.RequestTimeout is { } t) bound.CancelAfter(t);
                var connection = await new Transport(settings, new ProxySelector(env)).ConnectAsync(bound.Token).ConfigureAwait(false);
                return new Result(settings, connection, null);
            }
            catch (ConnectionException e)
            {
                return new Result(settings, null, e); // the command meets it instead of waiting for it twice
            }
            catch (Exception)
            {
                return new Result(settings, null, null);
            }
        });
    }

    public static ConnectionWarmup Start(HostEnvironment env, ConnectionFlags flags) => new(env, flags);

    /// <summary>The settings resolved in the background, when the command's flags are the same.</summary>
    public ConnectionSettings? SettingsFor(ConnectionFlags flags) =>
        Same(flags) ? _settings.Result : null;

    /// <summary>
    /// The open connection, once, for the settings it was made for; the warm-up's own connection
    /// failure is the command's (unreachable, TLS), so it is not met a second time after a wait.
    /// </summary>
    public async ValueTask<Stream?> TakeStreamAsync(ConnectionSettings settings, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _taken, 1) == 1) return null;
        // Waited for as the command waits for anything: Ctrl-C and the request's bounds end the wait.
        var result = await _task.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (result is null || !ReferenceEquals(result.Settings, settings)) return null;
        if (result.Failure is { } failure) throw new ConnectionException(failure.Message, failure.InnerException);
        return result.Stream;
    }

    private bool Same(ConnectionFlags flags) =>
        flags with { AsGroups = [] } == _flags with { AsGroups = [] } && flags.AsGroups.SequenceEqual(_flags.AsGroups);
}
