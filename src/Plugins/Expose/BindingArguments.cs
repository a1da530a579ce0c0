using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;

namespace Skupper.Plugins.Expose;

/// <summary>
/// The <c>&lt;name&gt;</c> and <c>&lt;port&gt;</c> arguments, and <c>--wait</c>/<c>--timeout</c>, of the listener and connector
/// commands.
/// </summary>
internal static class BindingArguments
{
    public static IArgumentValue Name(ICommandDeclaration cmd, BindingKind kind, bool create) => create
        ? cmd.Argument("name", $"The name of the {kind.Title} resource; also the default routing key" +
                               (kind.HasSelector ? " and, on Kubernetes, the default selector (app=NAME)." : " and host."), required: true)
        : cmd.Argument("name", $"The name of the {kind.Title} resource.", required: true,
            values: ValueCompletion.NamesOfKind(kind.HasSelector ? Connector.Plural : Listener.Plural));

    public static IArgumentValue Port(ICommandDeclaration cmd) =>
        cmd.Argument("port", "The port: where clients connect to a listener, where a connector reaches the server.", required: true);

    /// <summary>The name given, checked against the DNS-1123 rules; null (with a problem) when absent or wrong.</summary>
    public static string? ReadName(IArgumentValue argument, BindingKind kind, Problems problems, string usage)
    {
        if (argument.Value is not { } name)
        {
            problems.Usage($"a {kind.Name} name is required: {usage}");
            return null;
        }
        if (KubernetesNames.CheckSubdomain(name) is not { } rule) return name;
        problems.Usage($"invalid {kind.Name} name: {rule}");
        return null;
    }

    public static int? ReadPort(IArgumentValue argument, BindingKind kind, Problems problems, string usage)
    {
        if (argument.Value is null) problems.Usage($"a {kind.Name} port is required: {usage}");
        return argument.Integer(problems, 1, 65535);
    }
}
