using Skupper.Cli.Sdk;

namespace Skupper.Plugins.Expose.Generate;

/// <summary><c>listener generate &lt;name&gt; &lt;port&gt;</c>: the resource <c>create</c> would make, printed, for <c>kubectl apply</c> or a file.</summary>
internal sealed class GenerateCommand(BindingKind kind) : SkupperCommand<GenerateCommand.Run>
{
    internal sealed record Run(string Name, BindingSpec Spec, string Format, string? Namespace);

    public static readonly IReadOnlyList<string> Formats = ["yaml", "json"];

    private IArgumentValue _name = null!;
    private IArgumentValue _port = null!;
    private BindingOptions _options = null!;
    private IOptionValue _output = null!;

    public override string Name => "generate";
    public override string Description => $"Generate a {kind.Title} resource.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    public override void Configure(ICommandDeclaration command)
    {
        _name = BindingArguments.Name(command, kind, create: true);
        _port = BindingArguments.Port(command);
        _options = new BindingOptions(command, kind, update: false);
        _output = command.Option("-o|--output <FORMAT>", "The format: yaml (default) or json.", OptionArity.Single, ValueCompletion.OneOf([.. Formats]));
        var i = command.InvocationName;
        command.Examples = $"""
            # Generate a {kind.Title} resource and print it to the console
            $ {i} {kind.Name} generate backend 8080

            # Generate a {kind.Title} resource and direct the output to a file
            $ {i} {kind.Name} generate backend 8080 > backend.yaml
            """;
    }

    protected override Task<Run?> ValidateAsync(ICommandContext context, Problems problems, CancellationToken cancellationToken)
    {
        var usage = $"{context.InvocationName} {kind.Name} generate <name> <port>";
        var name = BindingArguments.ReadName(_name, kind, problems, usage);
        var port = BindingArguments.ReadPort(_port, kind, problems, usage);
        var given = _options.Read(context.Platform, problems);
        var format = _output.Choice(Formats, problems) ?? "yaml";
        var ns = context.GivenNamespace;
        if (ns is not null && KubernetesNames.CheckSubdomain(ns) is { } rule) problems.Usage($"invalid namespace: {rule}");
        return Task.FromResult(problems.Any ? null
            : new Run(name!, kind.Defaults(name!, port!.Value, context.Platform, given), format, ns));
    }

    // The namespace only when -n gives one, as the Go CLI writes it; without, the resource goes wherever it is applied.
    protected override void Report(ICommandContext context, Run run) =>
        context.Output.WriteStructured(kind.Resource(run.Name, run.Spec, run.Namespace), run.Format);
}
