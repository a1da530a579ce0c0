using Skupper.Cli.TestSupport;
using Skupper.Sandbox;
using Xunit;

namespace Skupper.Cli.Host.Tests;

/// <summary>
/// A test class whose tests each get a sandbox of their own (<see cref="Server"/>, more through <see cref="StartAsync"/>)
/// and a private home; all of it is gone after the test.
/// </summary>
public abstract class OwnSandboxTest : IAsyncLifetime, IDisposable
{
    private readonly List<SandboxServer> _servers = [];

    protected TestHome Home { get; } = new();

    protected SandboxServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await StartAsync(new SandboxOptions().WithDelay(TimeSpan.Zero));

    public async Task DisposeAsync()
    {
        foreach (var server in _servers) await server.DisposeAsync();
    }

    public void Dispose()
    {
        Home.Dispose();
        GC.SuppressFinalize(this);
    }

    protected async Task<SandboxServer> StartAsync(SandboxOptions options)
    {
        var server = await SandboxServer.StartAsync(options);
        _servers.Add(server);
        return server;
    }
}
