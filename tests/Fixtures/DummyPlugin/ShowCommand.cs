using System.Text.Json.Nodes;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;

namespace Fixture.Dummy;

/// <summary>
/// <c>show &lt;name&gt;</c>: shows resources of the namespace through every typed option of the SDK, as a third party
/// would write it, for the tests of what users see: a required name argument, a slice of more names, a choice, a
/// duration and a bounded number with defaults, repeatable labels and annotations (added to what is shown, as a
/// preview of what they would set), a switch, and <see cref="OutputOptions"/>. Sites and listeners come as the SDK's
/// models, Services and Deployments as the JSON the cluster gives.
/// </summary>
public sealed class ShowCommand : SkupperCommand<ShowCommand.Run>
{
    public sealed record Run(string Kind, IReadOnlyList<object> Objects, bool Several, OutputFormat? Format, bool Export);

    private static readonly string[] MetadataMaps = ["labels", "annotations"];

    private IArgument<string?> _name = null!;
    private IOption<IReadOnlyList<string>> _also = null!;
    private IOption<string?> _kind = null!;
    private IOption<IReadOnlyDictionary<string, string>> _labels = null!;
    private IOption<IReadOnlyDictionary<string, string>> _annotations = null!;
    private IOption<TimeSpan> _timeout = null!;
    private IOption<int> _limit = null!;
    private IOption<bool> _export = null!;
    private OutputOptions _output = null!;

    public override string Name => "show";
    public override string Description => "Show resources with typed options.";
    public override IReadOnlyList<Platform> Platforms => [Platform.Kubernetes];

    public override void Configure(ICommandDeclaration command)
    {
        _name = command.Argument("name", "The name of the resource to show.", Parsers.KubernetesName(), required: true);
        _also = command.Option("--also <NAMES>", "More resources to show, comma-separated.", Parsers.Slice(Parsers.KubernetesName()));
        _kind = command.Option("--kind <KIND>", "The kind of the resources.",
            Parsers.Choice(["site", "listener", "service", "deployment"], "site"));
        _labels = command.Option("--label <LABEL>", "A label to show them with, key=value; repeat for more.", Parsers.Labels());
        _annotations = command.Option("--annotation <ANNOTATION>", "An annotation to show them with, key=value; repeat for more.",
            Parsers.Annotations());
        _timeout = command.Option("--timeout <DURATION>", "Give up reading the cluster after this time.",
            Parsers.Duration("90s", minimum: "10s"));
        _limit = command.Option("--limit <COUNT>", "Show at most this many.", Parsers.Number(3, min: 1, max: 10));
        _export = command.Option("--export", "Leave out what the server manages.", Parsers.Boolean());
        _output = new OutputOptions(command);
    }

    protected override async Task<Run?> ValidateAsync(ICommandContext context, Problems problems, CancellationToken cancellationToken)
    {
        var name = _name.Get(problems);
        var also = _also.Get(problems);
        var kind = _kind.Get(problems)!;
        var labels = _labels.Get(problems);
        var annotations = _annotations.Get(problems);
        var timeout = _timeout.Get(problems);
        var limit = _limit.Get(problems);
        var export = _export.Get(problems);
        var format = _output.Read(problems);
        if (problems.Any || name is null) return null;

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(timeout);
        var objects = new List<object>();
        foreach (var n in also.Prepend(name).Take(limit))
        {
            if (await GetAsync(context, kind, n, budget.Token) is not { } found)
                problems.Failure($"{kind} \"{n}\" not found in namespace \"{context.Namespace}\"");
            else objects.Add(labels.Count + annotations.Count == 0 ? found : WithMetadata(context, found, labels, annotations));
        }
        return problems.Any ? null : new Run(kind, objects, also.Count > 0, format, export);
    }

    protected override void Report(ICommandContext context, Run run)
    {
        if (run.Format is null)
        {
            foreach (var o in run.Objects) context.Output.Out.Write($"{run.Kind} {Json(context, o)["metadata"]!["name"]}\n");
            return;
        }
        if (run.Several) run.Format.WriteList(context.Output, run.Objects, run.Export);
        else run.Format.Write(context.Output, run.Objects[0], run.Export);
    }

    /// <summary>A Skupper kind as the SDK's model (written as the bundled commands write it), another as the cluster's JSON.</summary>
    private static async Task<object?> GetAsync(ICommandContext context, string kind, string name, CancellationToken cancellationToken) =>
        kind switch
        {
            "site" => await context.Cluster.Resources<Site>().GetAsync(name, cancellationToken),
            "listener" => await context.Cluster.Resources<Listener>().GetAsync(name, cancellationToken),
            "service" => await context.Cluster.GetObjectAsync("v1", "services", name, cancellationToken),
            _ => await context.Cluster.GetObjectAsync("apps/v1", "deployments", name, cancellationToken),
        };

    private static JsonObject WithMetadata(ICommandContext context, object resource, params IReadOnlyDictionary<string, string>[] maps)
    {
        var json = Json(context, resource);
        var metadata = (JsonObject)json["metadata"]!;
        foreach (var (field, pairs) in MetadataMaps.Zip(maps))
        {
            if (pairs.Count == 0) continue;
            if (metadata[field] is not JsonObject map) metadata[field] = map = [];
            foreach (var (k, v) in pairs) map[k] = v;
        }
        return json;
    }

    private static JsonObject Json(ICommandContext context, object resource) =>
        resource as JsonObject ?? JsonNode.Parse(context.Output.Render(resource, "json"))!.AsObject();
}
