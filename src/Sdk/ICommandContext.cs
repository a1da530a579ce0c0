using Skupper.Cli.Sdk.Services;

namespace Skupper.Cli.Sdk;

/// <summary>Everything the host hands a running command. Services are created on first use.</summary>
public interface ICommandContext
{
    /// <summary>"kubectl skupper" or "skupper", for hints such as "run kubectl skupper site update".</summary>
    string InvocationName { get; }

    /// <summary>The selected platform (<c>--platform</c> &gt; <c>SKUPPER_PLATFORM</c> &gt; kubernetes).</summary>
    Platform Platform { get; }

    /// <summary>
    /// The namespace the command works in: <c>-n</c>, else (on Kubernetes) the context's namespace,
    /// else <c>default</c>.
    /// </summary>
    string Namespace { get; }

    /// <summary>
    /// The namespace as the user gave it with <c>-n</c>, or null when not given, read without a kubeconfig: what a command
    /// that prints a resource for later use writes as its <c>metadata.namespace</c>, as the Go CLI's <c>generate</c>
    /// commands do. Added in SDK 2.1; null from an implementation made for SDK 2.0.
    /// </summary>
    string? GivenNamespace => null;

    IOutput Output { get; }

    /// <summary>
    /// The process's standard input as bytes, for commands that read data from a pipe
    /// (<c>token redeem -</c>). The host opens it and owns it: read it, never dispose it. It is
    /// empty when the host has no input (a test that gives none). Added in SDK 2.0.
    /// </summary>
    Stream Input { get; }

    /// <summary>The Kubernetes cluster. Only on the Kubernetes platform; connecting happens on first use.</summary>
    IClusterAccess Cluster { get; }

    IReadyWaiter Waiter { get; }

    IHookRunner Hooks { get; }

    /// <summary>
    /// Where the non-Kubernetes platforms keep Skupper's files: <c>/var/lib/skupper</c> for root,
    /// else <c>$XDG_DATA_HOME/skupper</c> (default <c>~/.local/share/skupper</c>).
    /// </summary>
    string DataHome { get; }
}
