using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Services;

namespace Skupper.Plugins.Expose;

/// <summary>What the user gave for a listener's or connector's spec; null where nothing was given.</summary>
internal sealed record BindingChanges(string? RoutingKey, string? Host, string? Selector, string? TlsCredentials, string? Type,
    bool? IncludeNotReadyPods, int? Port, Workload? Workload = null)
{
    /// <summary>With the selector of <see cref="Workload"/>, read from the cluster, in its place; unchanged without one.</summary>
    public async Task<BindingChanges> ResolveWorkloadAsync(IClusterAccess cluster, Problems problems,
        CancellationToken cancellationToken) =>
        Workload is null ? this
        : this with { Selector = await Workload.SelectorAsync(cluster, problems, cancellationToken).ConfigureAwait(false) };

    public bool IsEmpty => this == new BindingChanges(null, null, null, null, null, null, null);

    /// <summary>
    /// The spec with what was given; a host given to a connector replaces its selector and a selector its host, as one
    /// target is meant.
    /// </summary>
    public BindingSpec ApplyTo(BindingSpec spec) => spec with
    {
        RoutingKey = RoutingKey ?? spec.RoutingKey,
        Port = Port ?? spec.Port,
        Host = Host ?? (Selector is not null ? null : spec.Host),
        Selector = Selector ?? (Host is not null ? null : spec.Selector),
        TlsCredentials = TlsCredentials ?? spec.TlsCredentials,
        Type = Type ?? spec.Type,
        IncludeNotReadyPods = IncludeNotReadyPods ?? spec.IncludeNotReadyPods,
    };
}

/// <summary>
/// The options of <c>create</c>, <c>update</c> and <c>generate</c> for both kinds
/// (shared/reference/cli/options.yaml: listener/*, connector/*), checked as the Go CLI checks them
/// (internal/utils/validator/simple_validator.go) and worded as every command words a bad value.
/// </summary>
internal sealed partial class BindingOptions
{
    public static readonly IReadOnlyList<string> Types = ["tcp"];

    private readonly IOption<string?> _routingKey;
    private readonly IOption<string?> _host;
    private readonly IOption<string?> _tlsCredentials;
    private readonly IOption<string?> _type;
    private readonly IOption<string?>? _selector;
    private readonly IOption<bool>? _includeNotReady;
    private readonly IOption<int>? _port;
    private readonly IOption<Workload?>? _workload;

    /// <param name="createOrUpdate">
    /// Create and update, not generate: a connector's take <c>--workload</c> (it is read from the cluster) and <c>-r</c>
    /// for <c>--routing-key</c>, as the Go CLI's connector create and update do (internal/cmd/skupper/connector/connector.go).
    /// </param>
    public BindingOptions(ICommandDeclaration cmd, BindingKind kind, bool update, bool createOrUpdate = false)
    {
        _routingKey = cmd.Option(kind.HasSelector && createOrUpdate ? "-r|--routing-key <KEY>" : "--routing-key <KEY>",
            $"The identifier used to route traffic from listeners to connectors (default: the {kind.Name}'s name).",
            Parsers.KubernetesName());
        _host = cmd.Option("--host <HOST>", kind.HasSelector
            ? "The hostname or IP address of the server: an alternative to --selector (default on Docker, Podman and Linux: localhost)."
            : "The hostname or IP address of the local listener; clients at this site use it " +
              "(default: the listener's name; 0.0.0.0 off Kubernetes).",
            new HostParser());
        if (kind.HasSelector)
        {
            _selector = cmd.Option("--selector <SELECTOR>",
                "A Kubernetes label selector for the target server pods, such as app=backend (default app=NAME). Kubernetes only.",
                new SelectorParser());
            _includeNotReady = cmd.Option("--include-not-ready", "Include server pods that are not ready. Kubernetes only.",
                Parsers.Boolean());
            if (createOrUpdate)
                _workload = cmd.Option("--workload <TYPE/NAME>",
                    $"The pods of a {OptionValues.Or(Workload.Types)}, found by its own selector: " +
                    "an alternative to --selector and --host, such as deployment/backend. Kubernetes only.", new Workload.Parser());
        }
        _tlsCredentials = cmd.Option("--tls-credentials <NAME>", "The name of a bundle of TLS certificates (a Secret on Kubernetes).",
            Parsers.KubernetesName());
        // --type as the Go CLI names it (internal/cmd/skupper/common/flags.go); the name this CLI first gave it still works.
        _type = cmd.Option("--type <TYPE>", "The connection type: tcp, the only one (default tcp).", Parsers.Choice(Types),
            [$"--{kind.Name}-type"]);
        if (update) _port = cmd.Option("--port <PORT>", "The port.", Parsers.Number(0, 1, 65535));
    }

    public BindingChanges Read(Platform platform, Problems problems)
    {
        var routingKey = _routingKey.Get(problems);
        var host = _host.Get(problems);
        string? selector = null;
        bool? includeNotReady = null;
        if (_selector is not null)
        {
            _selector.KubernetesOnly(platform, problems);
            selector = _selector.Get(problems);
            if (_selector.HasValue() && _host.HasValue())
                problems.Usage("--host and --selector cannot both be given: a connector targets one or the other");
        }
        Workload? workload = null;
        if (_workload is not null)
        {
            _workload.KubernetesOnly(platform, problems);
            workload = _workload.Get(problems);
            if (_workload.HasValue() && (_selector!.HasValue() || _host.HasValue()))
                problems.Usage("--workload cannot be combined with --selector or --host: a connector targets one of them");
        }
        if (_includeNotReady is not null)
        {
            _includeNotReady.KubernetesOnly(platform, problems);
            includeNotReady = _includeNotReady.GetIfGiven(problems);
        }
        var tls = _tlsCredentials.Get(problems);
        var type = _type.Get(problems);
        var port = _port?.GetIfGiven(problems);
        return new BindingChanges(routingKey, host, selector, tls, type, includeNotReady, port, workload);
    }

    /// <summary>Whether the text is label=value terms, comma-separated, as --selector takes them.</summary>
    internal static bool IsSelector(string value) => value.Split(',').All(term => SelectorTerm().IsMatch(term));

    /// <summary>
    /// A host name (the Go CLI's NewHostStringValidator) or an IP address. An IPv6 address may carry a scope, which is
    /// an interface: a Linux interface name (at most 15 characters, IFNAMSIZ less its NUL) or index; .NET would parse any
    /// text after the % and it would be stored and shown raw.
    /// </summary>
    private sealed class HostParser() : ValueParser<string?>(null)
    {
        public override bool TryParse(string? text, out string? value, [NotNullWhen(false)] out string? rule)
        {
            value = text ?? "";
            var scope = value.IndexOf('%');
            rule = HostName().IsMatch(value) || IPAddress.TryParse(value, out var ip) &&
                (scope < 0 || ip.AddressFamily == AddressFamily.InterNetworkV6 && InterfaceName().IsMatch(value[(scope + 1)..]))
                ? null
                : "use a host name such as backend.example.com or an IP address " +
                  "(an IPv6 scope after % is an interface, such as fe80::1%eth0)";
            return rule is null;
        }
    }

    /// <summary>label=value terms, comma-separated; the Go CLI's NewSelectorStringValidator allows these characters.</summary>
    private sealed class SelectorParser() : ValueParser<string?>(null)
    {
        public override bool TryParse(string? text, out string? value, [NotNullWhen(false)] out string? rule)
        {
            value = text ?? "";
            rule = IsSelector(value) ? null : "use label=value, comma-separated, such as app=backend";
            return rule is null;
        }
    }

    [GeneratedRegex("^[a-z0-9]+([-.][a-z0-9]+)*$")]
    private static partial Regex HostName();

    [GeneratedRegex("^[A-Za-z0-9:./-]+=[A-Za-z0-9:./-]*$")]
    private static partial Regex SelectorTerm();

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,15}$")]
    private static partial Regex InterfaceName();
}
