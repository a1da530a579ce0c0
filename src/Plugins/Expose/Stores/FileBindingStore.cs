using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;

namespace Skupper.Plugins.Expose.Stores;

/// <summary>
/// Listeners or connectors as files for Docker, Podman and Linux, where the Go CLI keeps them:
/// <c>namespaces/NS/input/resources/Listener-NAME.yaml</c> under the data home
/// (skupperproject/skupper internal/cmd/skupper/listener/nonkube/listener_create.go through its
/// resource handler). The system controller applies them on <c>system reload</c>; nothing here waits.
/// </summary>
internal sealed class FileBindingStore<T>(ICommandContext context, BindingKind kind, Func<T, Binding> read) : IBindingStore
    where T : SkupperResource, ISkupperKind
{
    private string Prefix => $"{T.KindName}-";
    private string InputResources => new NamespaceHome(context.DataHome, Namespace).InputResources;

    public string Namespace => context.Namespace;
    public bool HasController => false;

    public Task CheckAvailableAsync(CancellationToken cancellationToken)
    {
        // The namespace becomes a folder name: only a DNS-1123 name may (no "..", no "/").
        if (KubernetesNames.CheckSubdomain(Namespace) is { } rule) throw SkupperException.Usage($"invalid namespace: {rule}");
        return Task.CompletedTask;
    }

    public string? Location(string name) => Path.Combine(InputResources, $"{Prefix}{name}.yaml");

    public Task<Binding?> GetAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(File.Exists(Location(name)) ? read(Read(Location(name)!)) : null);

    public Task<IReadOnlyList<Binding>> ListAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<Binding> all = Directory.Exists(InputResources)
            ? Directory.EnumerateFiles(InputResources, $"{Prefix}*.yaml").Order(StringComparer.Ordinal).Select(p => read(Read(p))).ToList()
            : [];
        return Task.FromResult(all);
    }

    public Task CreateAsync(string name, BindingSpec spec, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(InputResources);
        Write(name, spec);
        return Task.CompletedTask;
    }

    public Task UpdateAsync(string name, BindingSpec spec, CancellationToken cancellationToken)
    {
        Write(name, spec);
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        File.Delete(Location(name)!);
        return Task.CompletedTask;
    }

    public Task WaitAsync(CommandSteps steps, string name, string condition, TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public Task WaitDeletedAsync(CommandSteps steps, string name, TimeSpan timeout, CancellationToken cancellationToken) => Task.CompletedTask;

    private void Write(string name, BindingSpec spec) =>
        AtomicFile.Write(Location(name)!, context.Output.Render(kind.Resource(name, spec, Namespace), "yaml"), AtomicFile.Ordinary);

    /// <summary>Reads one file; anything that is not a resource of this kind is an error naming the file.</summary>
    private T Read(string path)
    {
        T? resource;
        try { resource = context.Output.Parse<T>(File.ReadAllText(path)); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new SkupperException($"the file {Printable.Path(path)} is not a valid {T.KindName} resource: " +
                                       $"{Printable.Escape((e.InnerException?.Message ?? e.Message).Split('\n')[0])}; fix or remove it");
        }
        if (resource is null || resource.Kind != T.KindName || string.IsNullOrEmpty(resource.Metadata?.Name))
            throw new SkupperException($"the file {Printable.Path(path)} is not a valid {T.KindName} resource; fix or remove it");
        return resource;
    }
}
