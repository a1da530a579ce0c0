using Skupper.Cli.Sdk;

namespace Skupper.Plugins.Expose.Status;

/// <summary>
/// <c>listener status [name]</c> and <c>connector status [name]</c>: a table of all, or one as a
/// list of fields, as the Go CLI prints them (internal/cmd/skupper/listener/kube/listener_status.go), or the resources
/// themselves, spec and status, with <c>-o</c>.
/// </summary>
internal sealed class BindingStatusCommand(BindingKind kind) : SkupperCommand<BindingStatusCommand.Options, BindingStatusCommand.Run>
{
    internal sealed record Run(string Namespace, IReadOnlyList<Binding> Bindings, string? Name, OutputFormat? Format);

    internal sealed class Options(ICommandDeclaration command, BindingKind kind)
    {
        public IArgumentValue Name { get; } = command.Argument("name", $"The {kind.Name} to show; by default all of them.",
            values: ValueCompletion.NamesOfKind(kind.Name + "s"));

        public OutputOptions Output { get; } = new(command, description: "Print the resources in a structured format: json, yaml or name.");
    }

    public override string Name => "status";
    public override string Description => $"Display the status of {kind.Name}s in the current site.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    protected override Options Declare(ICommandDeclaration command)
    {
        command.Example($"Show the status of all {kind.Name}s in the current site", $"{kind.Name} status")
            .Example($"Show the status of one {kind.Name}", $"{kind.Name} status backend");
        return new Options(command, kind);
    }

    protected override async Task<Run?> ValidateAsync(ICommandContext context, Options options, Problems problems,
        CancellationToken cancellationToken)
    {
        var name = options.Name.Value;
        if (name is not null && KubernetesNames.CheckSubdomain(name) is { } rule) problems.Usage($"invalid {kind.Name} name: {rule}");
        var format = options.Output.Read(problems);
        var store = kind.Store(context);
        IReadOnlyList<Binding> bindings = [];
        await problems.CheckAsync(async () =>
        {
            await store.CheckAvailableAsync(cancellationToken).ConfigureAwait(false);
            bindings = await store.ListAsync(cancellationToken).ConfigureAwait(false);
            if (name is not null && (bindings = bindings.Where(b => b.Name == name).ToList()).Count == 0)
                problems.Failure($"No {kind.Name} named \"{name}\" exists in namespace \"{store.Namespace}\"");
        }).ConfigureAwait(false);
        return problems.Any ? null : new Run(store.Namespace, bindings, name, format);
    }

    protected override void Report(ICommandContext context, Run run)
    {
        var o = context.Output;
        if (run.Format is not null)
        {
            if (run.Name is not null) run.Format.Write(o, run.Bindings[0].Resource);
            else run.Format.WriteList(o, run.Bindings.Select(b => b.Resource));
            return;
        }
        if (run.Bindings.Count == 0)
        {
            o.Out.WriteLine($"There are no {kind.Name} resources in namespace \"{run.Namespace}\"");
            return;
        }
        if (run.Name is not null)
        {
            o.Out.Write(Details(run.Bindings[0]));
            return;
        }
        var table = kind.HasSelector
            ? new TextTable("NAME", "STATUS", "ROUTING-KEY", "SELECTOR", "HOST", "PORT", kind.Other.ToUpperInvariant(), "MESSAGE")
            : new TextTable("NAME", "STATUS", "ROUTING-KEY", "HOST", "PORT", kind.Other.ToUpperInvariant(), "MESSAGE");
        foreach (var b in run.Bindings)
        {
            var status = b.Status ?? "Pending";
            var match = b.HasMatch == true ? "true" : "false";
            // The Go CLI's last column, where the reason for Pending or Error shows; "-" when there is none, as site and link status.
            var message = string.IsNullOrEmpty(b.Message) ? "-" : b.Message;
            var host = b.Spec.Host ?? "<none>";
            var port = $"{b.Spec.Port}";
            if (kind.HasSelector) table.Add(b.Name, status, b.Spec.RoutingKey, b.Spec.Selector ?? "<none>", host, port, match, message);
            else table.Add(b.Name, status, b.Spec.RoutingKey, host, port, match, message);
        }
        o.Out.Write(table.ToString());
    }

    private string Details(Binding b)
    {
        var rows = new List<(string, string)>
        {
            ("Name", b.Name), ("Status", b.Status ?? "Pending"), ("Message", string.IsNullOrEmpty(b.Message) ? "<none>" : b.Message),
            ("Routing key", b.Spec.RoutingKey),
        };
        if (kind.HasSelector) rows.Add(("Selector", b.Spec.Selector ?? "<none>"));
        rows.Add(("Host", b.Spec.Host ?? "<none>"));
        rows.Add(("Port", $"{b.Spec.Port}"));
        rows.Add(($"Has matching {kind.Other}", b.HasMatch == true ? "true" : "false"));
        var width = rows.Max(r => r.Item1.Length) + 4;
        return string.Concat(rows.Select(r => $"{(r.Item1 + ":").PadRight(width)}{Printable.Escape(r.Item2)}\n"));
    }
}
