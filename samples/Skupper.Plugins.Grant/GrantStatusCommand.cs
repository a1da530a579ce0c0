using System.Globalization;
using Skupper.Cli.Sdk;
using GrantResource = Skupper.Cli.Sdk.Models.AccessGrant;

namespace Skupper.Plugins.Grant;

/// <summary>
/// <c>grant status [name] [-o json|yaml]</c>: the namespace's access grants as a table (NAME,
/// STATUS, REDEEMED of ALLOWED, EXPIRES, MESSAGE), or as resources for scripts. On every platform: the
/// SDK's <see cref="ResourceStore{T}"/> reads them from the cluster, or on Docker, Podman and Linux from
/// the files where the Skupper Go CLI keeps them (<c>input/resources/AccessGrant-NAME.yaml</c>). Written
/// as the steps of the SDK's lifecycle; a command that only reads has a validate and a report.
/// </summary>
public sealed class GrantStatusCommand : SkupperCommand<GrantStatusCommand.Run>
{
    /// <summary>What one run found.</summary>
    public sealed record Run(string Namespace, string? Name, IReadOnlyList<GrantResource> Grants, string? Format);

    private static readonly IReadOnlyList<string> Formats = ["json", "yaml"];

    private IArgumentValue _name = null!;
    private IOptionValue _output = null!;

    public override string Name => "status";
    public override string Description => "Display the status of the access grants in the current site.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    public override void Configure(ICommandDeclaration command)
    {
        _name = command.Argument("name", "The name of an access grant (default: every grant in the namespace).",
            values: ValueCompletion.NamesOfKind(GrantResource.Plural));
        _output = command.Option("-o|--output <FORMAT>", "Print status in a structured output format: json or yaml.",
            OptionArity.Single, ValueCompletion.OneOf([.. Formats]));
        // The host shows the platforms and this beside them, and lays the examples out.
        command.WaitsFor = null;
        command.Examples = $"""
            # Show the status of every access grant in the namespace
            $ {command.InvocationName} grant status

            # One grant, as a resource
            $ {command.InvocationName} grant status west-6bfn6 -o yaml
            """;
    }

    protected override async Task<Run?> ValidateAsync(ICommandContext context, Problems problems, CancellationToken cancellationToken)
    {
        var name = _name.Value;
        if (name is not null && KubernetesNames.CheckSubdomain(name) is { } bad) problems.Usage(bad);
        var format = _output.Choice(Formats, problems);
        if (problems.Any) return null;

        var grants = ResourceStore.For<GrantResource>(context);
        var ns = grants.Namespace;
        IReadOnlyList<GrantResource> found = [];
        await problems.CheckAsync(async () =>
        {
            await grants.CheckAvailableAsync(cancellationToken).ConfigureAwait(false);
            if (name is null)
                found = await grants.ListAsync(cancellationToken).ConfigureAwait(false);
            else if (await grants.GetAsync(name, cancellationToken).ConfigureAwait(false) is { } grant)
                found = [grant];
            else
                problems.Failure($"No access grant named \"{name}\" exists in namespace \"{ns}\"");
        }).ConfigureAwait(false);
        return problems.Any ? null : new Run(ns, name, found, format);
    }

    protected override void Report(ICommandContext context, Run run)
    {
        var output = context.Output;
        if (run.Format is not null)
        {
            // A named grant as the resource itself; otherwise a List, as kubectl prints one (empty or not).
            object value = run.Name is not null
                ? run.Grants[0]
                : new Dictionary<string, object> { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = run.Grants };
            output.WriteStructured(value, run.Format);
            return;
        }
        if (run.Grants.Count == 0)
        {
            output.Out.WriteLine($"There are no access grants in namespace {run.Namespace}");
            return;
        }
        var table = new TextTable("NAME", "STATUS", "REDEEMED", "EXPIRES", "MESSAGE");
        foreach (var grant in run.Grants)
        {
            table.Add(grant.Name,
                Or(grant.Status?.Status, "Pending"),
                // The CRD's default allows one redemption.
                string.Create(CultureInfo.InvariantCulture, $"{grant.Status?.Redemptions ?? 0}/{grant.Spec.RedemptionsAllowed ?? 1}"),
                Or(grant.Status?.ExpirationTime, "-"),
                Or(grant.Status?.Message, "-"));
        }
        output.Out.Write(table.ToString());
    }

    private static string Or(string? value, string fallback) => string.IsNullOrEmpty(value) ? fallback : value;
}
