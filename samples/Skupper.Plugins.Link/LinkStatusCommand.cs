using System.Globalization;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Services;
using LinkResource = Skupper.Cli.Sdk.Models.Link;

namespace Skupper.Plugins.Link;

/// <summary>
/// <c>link status [name] [-o json|yaml]</c>: the namespace's links as a table (NAME, STATUS, REMOTE
/// SITE, COST, MESSAGE, as the Go CLI prints them), or as resources for scripts.
/// </summary>
public sealed class LinkStatusCommand : ISkupperCommand
{
    private static readonly IReadOnlyList<string> Formats = ["json", "yaml"];

    private IArgumentValue _name = null!;
    private IOptionValue _output = null!;

    public string Name => "status";
    public string Description => "Display the status of links in the current site.";
    public IReadOnlyList<Platform> Platforms => PlatformSets.KubernetesOnly;

    public void Configure(ICommandDeclaration command)
    {
        _name = command.Argument("name", "The name of a link (default: every link in the namespace).",
            values: ValueCompletion.NamesOfKind(LinkResource.Plural));
        _output = command.Option("-o|--output <FORMAT>", "Print status in a structured output format: json or yaml.",
            OptionArity.Single, ValueCompletion.OneOf([.. Formats]));
        // The host shows the platforms and this beside them, and lays the examples out.
        command.WaitsFor = null;
        command.Examples = $"""
            # Show the status of every link in the namespace
            $ {command.InvocationName} link status

            # One link, as a resource
            $ {command.InvocationName} link status west-12345 -o yaml
            """;
    }

    public async Task<int> ExecuteAsync(ICommandContext context, CancellationToken cancellationToken)
    {
        // Validate: every input, then the cluster; nothing is changed by this command.
        var problems = new Problems();
        var name = _name.Value;
        if (name is not null && KubernetesNames.CheckSubdomain(name) is { } bad) problems.Usage(bad);
        var format = _output.Choice(Formats, problems);
        problems.ThrowIfAny();

        var ns = context.Namespace;
        var cluster = context.Cluster;
        await cluster.EnsureSkupperInstalledAsync(cancellationToken).ConfigureAwait(false);
        var links = cluster.Resources<LinkResource>();
        IReadOnlyList<LinkResource> found;
        if (name is not null)
        {
            var link = await links.GetAsync(name, cancellationToken).ConfigureAwait(false)
                ?? throw new SkupperException($"No link resource named \"{name}\" exists in namespace \"{ns}\"");
            found = [link];
        }
        else
        {
            found = [.. (await links.ListAsync(cancellationToken).ConfigureAwait(false)).OrderBy(l => l.Name, StringComparer.Ordinal)];
        }

        // Report.
        var output = context.Output;
        if (format is not null)
        {
            // A named link as the resource itself; otherwise a List, as kubectl prints one (empty or not).
            object value = name is not null
                ? found[0]
                : new Dictionary<string, object> { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = found };
            output.WriteStructured(value, format);
            return ExitCodes.Success;
        }
        if (found.Count == 0)
        {
            output.Out.WriteLine($"There are no link resources in namespace {ns}");
            return ExitCodes.Success;
        }
        var table = new TextTable("NAME", "STATUS", "REMOTE SITE", "COST", "MESSAGE");
        foreach (var link in found)
        {
            table.Add(link.Name,
                Or(link.Status?.Status, "Pending"),
                Or(link.Status?.RemoteSiteName, "-"),
                (link.Spec.Cost ?? 1).ToString(CultureInfo.InvariantCulture), // the CRD's default
                Or(link.Status?.Message, "-"));
        }
        output.Out.Write(table.ToString());
        return ExitCodes.Success;
    }

    private static string Or(string? value, string fallback) => string.IsNullOrEmpty(value) ? fallback : value;
}
