using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Services;
using SiteResource = Skupper.Cli.Sdk.Models.Site;

namespace SkupperPlugin1;

/// <summary>The plugin's entry point: the host creates it and calls <see cref="Register"/>.</summary>
public sealed class Plugin : ISkupperPlugin
{
    public void Register(ICommandRegistrar registrar)
    {
        var group = registrar.Group("plugin-group", "Commands of the plugin-group plugin.");
        registrar.Add(group, new StatusCommand());
    }
}

/// <summary>
/// <c>plugin-group status [-o json|yaml]</c>: the sites of the current namespace. Keeps to the
/// lifecycle every command follows: validate → hooks → act → wait → report.
/// </summary>
public sealed class StatusCommand : ISkupperCommand
{
    private IOptionValue _output = null!;

    public string Name => "status";
    public string Description => "Show the Skupper sites in the current namespace.";
    public IReadOnlyList<Platform> Platforms => PlatformSets.KubernetesOnly;

    public void Configure(ICommandDeclaration command) =>
        _output = command.Option("-o|--output <FORMAT>", "Print the sites in a structured format: json or yaml.",
            OptionArity.Single, ValueCompletion.OneOf("json", "yaml"));

    public async Task<int> ExecuteAsync(ICommandContext context, CancellationToken cancellationToken)
    {
        // Validate every input before touching anything; a usage error exits 2.
        var format = _output.Value();
        if (format is not null and not ("json" or "yaml"))
            throw SkupperException.Usage($"invalid value \"{format}\" for --output: choose json or yaml");

        // Site admins may hook this command through the event plugin-group.status.before: a hook file
        // exports "before" + the group in camelCase + "Status" (group backup: beforeBackupStatus) and may refuse.
        var ns = context.Namespace;
        if (context.Hooks.Handles("plugin-group.status.before"))
            await context.Hooks.RunAsync("plugin-group.status.before", new() { ["namespace"] = ns }, cancellationToken);

        await context.Cluster.EnsureSkupperInstalledAsync(cancellationToken);
        var sites = await context.Cluster.Resources<SiteResource>().ListAsync(cancellationToken);

        var output = context.Output;
        if (format is not null)
        {
            output.WriteStructured(new Dictionary<string, object> { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = sites }, format);
            return ExitCodes.Success;
        }
        if (sites.Count == 0)
        {
            output.Out.WriteLine($"There are no sites in namespace {ns}");
            return ExitCodes.Success;
        }
        var table = new TextTable("NAME", "STATUS", "MESSAGE");
        foreach (var site in sites)
            table.Add(site.Name, site.Status?.Status ?? "Pending", site.Status?.Message ?? "-");
        output.Out.Write(table.ToString());
        return ExitCodes.Success;
    }
}
