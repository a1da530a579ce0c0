using Skupper.Cli.Sdk;
using Skupper.Plugins.System.Bootstrap;

namespace Skupper.Plugins.System.GenerateBundle;

/// <summary>
/// <c>system generate-bundle NAME</c>: the site of a namespace's input resources (or of <c>--input DIR</c>) rendered into
/// <c>&lt;data home&gt;/bundles/NAME.tar.gz</c> or a self-extracting <c>NAME.sh</c> that installs it on another machine
/// (internal/cmd/skupper/system/nonkube/system_generate-bundle.go; internal/nonkube/bootstrap/bootstrap.go, PreBootstrap and
/// PostBootstrap). No engine is involved and the namespace itself is not touched.
/// </summary>
internal sealed class SystemGenerateBundleCommand
    : SkupperCommand<SystemGenerateBundleCommand.Options, SystemGenerateBundleCommand.Run>
{
    private static readonly string[] Types = ["tarball", "shell-script"];

    internal sealed record Options(IArgument<string?> Name, IOption<string?> Input, IOption<string?> Type);

    internal sealed record Run(string Name, string Input, bool SelfExtracting, string File, NamespaceHome Home)
    {
        public SiteState? State { get; set; }
    }

    public override string Name => "generate-bundle";
    public override string Description => "Generate a self-contained site bundle for use on another machine.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    protected override Options Declare(ICommandDeclaration command)
    {
        var options = new Options(
            command.Argument("bundle-file", "The name of the bundle: NAME.tar.gz or NAME.sh in the data home's bundles folder.",
                Parsers.Text()),
            command.Option("--input <DIR>", "The location of the Skupper resources defining the site.", Parsers.Text()),
            command.Option("--type <TYPE>", "The bundle type to be produced. Choices: tarball, shell-script",
                Parsers.Choice(Types, "tarball")));
        command.Example("A self-extracting installer of the site of namespace \"west\"",
            "system generate-bundle west-site --type shell-script -n west --platform podman", """
                Site "west" has been created (as a distributable bundle)
                Installation bundle available at: /home/me/.local/share/skupper/bundles/west-site.sh
                Default namespace: west
                Default platform: podman
                """);
        return options;
    }

    protected override Task<Run?> ValidateAsync(ICommandContext context, Options options, Problems problems,
        CancellationToken cancellationToken)
    {
        if (!NonKubernetes.Check(context, problems)) return Task.FromResult<Run?>(null);
        var type = options.Type.Get(problems);
        var name = options.Name.Get(problems);
        if (string.IsNullOrEmpty(name)) problems.Usage("You need to specify a name for the bundle file to generate.");
        else if (name.Contains('/', StringComparison.Ordinal) || name is "." or "..")
            problems.Usage(
                $"invalid bundle name \"{Printable.Escape(name)}\": give a file name without \"/\"; it is written to the bundles folder");
        var home = NamespaceHome.Of(context);
        var input = home.InputResources;
        if (options.Input.Get(problems) is { } given)
        {
            input = Path.GetFullPath(given);
            if (File.Exists(input)) problems.Usage($"The input path must be a directory: {Printable.Path(input)}");
            else if (!Directory.Exists(input)) problems.Usage($"The input path does not exist: {Printable.Path(input)}");
            else if (HasSources(home.InputResources))
                problems.Failure($"Input path has been provided, but namespace {home.Namespace} has input sources defined at: " +
                    Printable.Path(home.InputResources), hint: "Leave out --input to bundle them, or choose another namespace with -n.");
        }
        else if (!HasSources(input)) problems.Failure($"No sources found at: {Printable.Path(input)}");
        if (problems.Any || name is null) return Task.FromResult<Run?>(null);
        var selfExtracting = type == "shell-script";
        var file = Path.Combine(context.DataHome, "bundles", selfExtracting ? $"{name}.sh" : $"{name}.tar.gz");
        return Task.FromResult<Run?>(new Run(name, input, selfExtracting, file, home));
    }

    private static bool HasSources(string folder) => Directory.Exists(folder) && Directory.EnumerateFiles(folder).Any();

    protected override Task ActAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken)
    {
        var problems = new Problems();
        SiteBundle.Write(run.Input, run.Home.Namespace, context.Platform.Name(), run.SelfExtracting, run.File, context.Output, problems,
            out var state);
        problems.ThrowIfAny();
        run.State = state;
        return Task.CompletedTask;
    }

    protected override void Report(ICommandContext context, Run run)
    {
        var o = context.Output.Out;
        o.WriteLine($"Site \"{run.State?.Site.Name}\" has been created (as a distributable bundle)");
        o.WriteLine($"Installation bundle available at: {Printable.Path(run.File)}");
        o.WriteLine($"Default namespace: {run.Home.Namespace}");
        o.WriteLine($"Default platform: {context.Platform.Name()}");
    }
}
