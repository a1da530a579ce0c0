using Skupper.Cli.Sdk;

namespace Skupper.Plugins.Expose.Stores;

/// <summary>Where listeners or connectors live: resources in the cluster, or files for Docker, Podman and Linux.</summary>
internal interface IBindingStore
{
    string Namespace { get; }

    /// <summary>Whether a controller acts on what is written, so that there is something to wait for.</summary>
    bool HasController { get; }

    Task CheckAvailableAsync(CancellationToken cancellationToken);
    Task<Binding?> GetAsync(string name, CancellationToken cancellationToken);
    Task<IReadOnlyList<Binding>> ListAsync(CancellationToken cancellationToken);
    Task CreateAsync(string name, BindingSpec spec, CancellationToken cancellationToken);
    Task UpdateAsync(string name, BindingSpec spec, CancellationToken cancellationToken);
    Task DeleteAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Until the condition (<c>Configured</c> or <c>Ready</c>) is True for the current generation, or the resource is gone.
    /// </summary>
    Task WaitAsync(CommandSteps steps, string name, string condition, TimeSpan timeout, CancellationToken cancellationToken);
    /// <summary>Until it is gone, with the progress line and the timeout's error (nothing to wait for in files).</summary>
    Task WaitDeletedAsync(CommandSteps steps, string name, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>The file a resource is kept in; null in the cluster.</summary>
    string? Location(string name);

    /// <summary>"Listener "db" is configured.", or where its file went off Kubernetes.</summary>
    string Outcome(string name, string done, string? condition);
}
