using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;
using Skupper.Plugins.Expose.Stores;

namespace Skupper.Plugins.Expose;

/// <summary>What tells a listener from a connector: names, defaults, the resource type, the table's match column.</summary>
internal abstract class BindingKind
{
    /// <summary>"listener" or "connector": the command group and the word in messages.</summary>
    public abstract string Name { get; }

    /// <summary>"Listener" or "Connector": the resource kind, at the start of a sentence.</summary>
    public abstract string Title { get; }

    public abstract string GroupDescription { get; }

    /// <summary>The other end, plural: what a match needs ("connectors" for a listener).</summary>
    public abstract string Other { get; }

    /// <summary>Whether the kind takes <c>--selector</c> (connectors, on Kubernetes).</summary>
    public abstract bool HasSelector { get; }

    /// <summary>The spec of a new one from what the user gave; the defaults are the Go CLI's.</summary>
    public abstract BindingSpec Defaults(string name, int port, Platform platform, BindingChanges given);

    public abstract IBindingStore Store(ICommandContext context);

    /// <summary>The resource as <c>generate</c> prints it and the stores write it.</summary>
    public abstract SkupperResource Resource(string name, BindingSpec spec, string? @namespace);
}

internal sealed class ListenerKind : BindingKind
{
    public override string Name => "listener";
    public override string Title => "Listener";
    public override string GroupDescription =>
        "Manage the listeners in the current site: the connection points where clients reach a service.";
    public override string Other => "connectors";
    public override bool HasSelector => false;

    /// <summary>
    /// Host: the name on Kubernetes (the Service the controller makes), 0.0.0.0 elsewhere
    /// (skupperproject/skupper internal/cmd/skupper/listener/{kube,nonkube}/listener_create.go, InputToOptions).
    /// </summary>
    public override BindingSpec Defaults(string name, int port, Platform platform, BindingChanges given) =>
        new(given.RoutingKey ?? name, port, given.Host ?? (platform == Platform.Kubernetes ? name : "0.0.0.0"),
            TlsCredentials: given.TlsCredentials, Type: given.Type);

    public override IBindingStore Store(ICommandContext context) =>
        new BindingStore<Listener>(ResourceStore.For<Listener>(context), this, Read);

    private static Binding Read(Listener l) => new(l.Name,
        new BindingSpec(l.Spec.RoutingKey ?? "", l.Spec.Port ?? 0, l.Spec.Host, null, l.Spec.TlsCredentials, l.Spec.Type), l,
        l.Status?.Status, l.Status?.Message, l.Status?.HasMatchingConnector);

    public override SkupperResource Resource(string name, BindingSpec spec, string? @namespace) => new Listener
    {
        Metadata = new() { Name = name, NamespaceProperty = @namespace },
        Spec = new ListenerSpec
        {
            RoutingKey = spec.RoutingKey, Port = spec.Port, Host = spec.Host, TlsCredentials = spec.TlsCredentials, Type = spec.Type,
        },
    };
}

internal sealed class ConnectorKind : BindingKind
{
    public override string Name => "connector";
    public override string Title => "Connector";
    public override string GroupDescription => "Manage the connectors in the current site: what binds a local workload to a routing key.";
    public override string Other => "listeners";
    public override bool HasSelector => true;

    /// <summary>
    /// On Kubernetes the pods labelled app=NAME unless a host or selector is given; elsewhere the host,
    /// localhost by default (skupperproject/skupper internal/cmd/skupper/connector/{kube,nonkube}/connector_create.go).
    /// </summary>
    public override BindingSpec Defaults(string name, int port, Platform platform, BindingChanges given) =>
        platform == Platform.Kubernetes
            ? new(given.RoutingKey ?? name, port, given.Host, given.Selector ?? (given.Host is null ? $"app={name}" : null),
                given.TlsCredentials, given.Type, given.IncludeNotReadyPods)
            : new(given.RoutingKey ?? name, port, given.Host ?? "localhost", null, given.TlsCredentials, given.Type);

    public override IBindingStore Store(ICommandContext context) =>
        new BindingStore<Connector>(ResourceStore.For<Connector>(context), this, Read);

    private static Binding Read(Connector c) => new(c.Name,
        new BindingSpec(c.Spec.RoutingKey ?? "", c.Spec.Port ?? 0, c.Spec.Host, c.Spec.Selector, c.Spec.TlsCredentials, c.Spec.Type,
            c.Spec.IncludeNotReadyPods), c,
        c.Status?.Status, c.Status?.Message, c.Status?.HasMatchingListener);

    public override SkupperResource Resource(string name, BindingSpec spec, string? @namespace) => new Connector
    {
        Metadata = new() { Name = name, NamespaceProperty = @namespace },
        Spec = new ConnectorSpec
        {
            RoutingKey = spec.RoutingKey, Port = spec.Port, Selector = spec.Selector, Host = spec.Host,
            TlsCredentials = spec.TlsCredentials, Type = spec.Type, IncludeNotReadyPods = spec.IncludeNotReadyPods,
        },
    };
}
