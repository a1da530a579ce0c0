using Skupper.Cli.Sdk;

namespace Skupper.Plugins.Expose.Generate;

/// <summary>
/// <c>listener generate &lt;name&gt; &lt;port&gt;</c> and <c>connector generate</c>: the resource <c>create</c> would make,
/// printed, for <c>kubectl apply</c> or a file.
/// </summary>
internal sealed class BindingGenerateCommand(BindingKind kind) : SkupperCommand<BindingGenerateCommand.Options, BindingGenerateCommand.Run>
{
    internal sealed record Run(string Name, BindingSpec Spec, string Format, string? Namespace);

    public static readonly IReadOnlyList<string> Formats = ["yaml", "json"];

    internal sealed class Options(ICommandDeclaration command, BindingKind kind)
    {
        public IArgumentValue Name { get; } = BindingArguments.Name(command, kind, create: true);
        public IArgumentValue Port { get; } = BindingArguments.Port(command);
        public BindingOptions Spec { get; } = new(command, kind, update: false);
        public OutputOptions Output { get; } = new(command, Formats, "yaml", "The format: yaml or json.");
    }

    public override string Name => "generate";
    public override string Description => $"Generate a {kind.Title} resource.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    protected override Options Declare(ICommandDeclaration command)
    {
        command.Example($"Generate a {kind.Title} resource and print it to the console", $"{kind.Name} generate backend 8080")
            .Example($"Generate a {kind.Title} resource and direct the output to a file",
                $"{kind.Name} generate backend 8080 > backend.yaml");
        return new Options(command, kind);
    }

    protected override Task<Run?> ValidateAsync(ICommandContext context, Options options, Problems problems,
        CancellationToken cancellationToken)
    {
        var usage = $"{context.InvocationName} {kind.Name} generate <name> <port>";
        var name = BindingArguments.ReadName(options.Name, kind, problems, usage);
        var port = BindingArguments.ReadPort(options.Port, kind, problems, usage);
        var given = options.Spec.Read(context.Platform, problems);
        var format = options.Output.Read(problems)?.Name ?? "yaml";
        var ns = context.GivenNamespace;
        if (ns is not null && KubernetesNames.CheckSubdomain(ns) is { } rule) problems.Usage($"invalid namespace: {rule}");
        return Task.FromResult(problems.Any ? null
            : new Run(name!, kind.Defaults(name!, port!.Value, context.Platform, given), format, ns));
    }

    // The namespace only when -n gives one, as the Go CLI writes it; without, the resource goes wherever it is applied.
    protected override void Report(ICommandContext context, Run run) =>
        context.Output.WriteStructured(kind.Resource(run.Name, run.Spec, run.Namespace), run.Format);
}
