using Xunit;

namespace Skupper.Sandbox;

/// <summary>
/// xunit class fixture: one sandbox per test class (<c>IClassFixture&lt;SandboxFixture&gt;</c>).
/// Derive and override <see cref="CreateOptions"/> for different settings.
/// </summary>
public class SandboxFixture : IAsyncLifetime
{
    private SandboxServer? _server;

    public SandboxServer Server => _server ?? throw new InvalidOperationException("the sandbox is not started");

    protected virtual SandboxOptions CreateOptions() => new();

    public async Task InitializeAsync() => _server = await SandboxServer.StartAsync(CreateOptions());

    public async Task DisposeAsync()
    {
        if (_server != null) await _server.DisposeAsync();
    }
}

/// <summary>A controller that answers at once and retries objects left in Error every 200 ms, as Skupper's does on resync.</summary>
public sealed class RetryingSandbox : SandboxFixture
{
    protected override SandboxOptions CreateOptions() =>
        new SandboxOptions { ResyncPeriod = TimeSpan.FromMilliseconds(200) }.WithDelay(TimeSpan.Zero);
}
