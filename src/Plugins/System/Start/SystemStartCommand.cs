using System.Text.Json.Nodes;
using Skupper.Cli.Sdk;
using Skupper.Plugins.System.Bootstrap;
using Skupper.Plugins.System.Engine;

namespace Skupper.Plugins.System.Start;

/// <summary>
/// <c>system start</c>: the input resources of the namespace made into a site (internal/cmd/skupper/system/nonkube/system_start.go,
/// internal/nonkube/bootstrap/bootstrap.go): certificates, <c>skrouterd.json</c>, runtime resources, and on Podman and Docker the
/// router container. Refuses when the namespace is already started; takes back what it wrote when a later step fails.
/// </summary>
internal sealed class SystemStartCommand : SkupperCommand<SystemStartCommand.Run>
{
    internal sealed record Run(NamespaceHome Home, SiteState State, Platform Platform)
    {
        public SiteBootstrap? Bootstrap { get; set; }
        public RouterContainer? Container { get; set; }
    }

    public override string Name => "start";
    public override string Description => "Create a non-kube site based on provided Skupper Custom Resources";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    public override void Configure(ICommandDeclaration command) =>
        command.Example("Start the site of namespace \"west\" on Podman", "system start -n west --platform podman",
            SiteLaunch.ExampleReport);

    protected override Task<Run?> ValidateAsync(ICommandContext context, Problems problems, CancellationToken cancellationToken)
    {
        if (!NonKubernetes.Check(context, problems)) return Task.FromResult<Run?>(null);
        var home = NamespaceHome.Of(context);
        if (Directory.Exists(home.RuntimeResources))
        {
            problems.Failure($"namespace already exists: {home.Namespace}",
                hint: $"Stop it first with \"{context.InvocationName} system stop -n {home.Namespace}\".");
            return Task.FromResult<Run?>(null);
        }
        var state = SiteState.Load(home, context.Output, problems);
        return Task.FromResult(problems.Any || state is null ? null : new Run(home, state, context.Platform));
    }

    protected override (string Event, JsonObject Context)? BeforeHook(Run run) => ("system.start.before", HookContext(run));

    protected override async Task ActAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken)
    {
        var existed = Directory.Exists(run.Home.Root) ? Directory.EnumerateFileSystemEntries(run.Home.Root).ToHashSet() : [];
        steps.Undo.Add($"the runtime files of namespace \"{run.Home.Namespace}\"", _ =>
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(run.Home.Root).Where(e => !existed.Contains(e)))
            {
                if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true);
                else File.Delete(entry);
            }
            return Task.CompletedTask;
        }, $"Delete {Printable.Path(run.Home.Runtime)} and {Printable.Path(run.Home.Internal)} before starting again.");
        (run.Bootstrap, run.Container) = await SiteLaunch.RunAsync(context, run.Home, run.State, steps, cancellationToken)
            .ConfigureAwait(false);
    }

    protected override void Report(ICommandContext context, Run run) => SiteLaunch.Report(context, run.Home, run.State);

    protected override (string Event, JsonObject Context)? AfterHook(Run run)
    {
        var ctx = HookContext(run);
        ctx["routerConfig"] = run.Bootstrap?.RouterConfigFile;
        ctx["localPort"] = run.Bootstrap?.LocalPort;
        ctx["container"] = run.Container?.ContainerName;
        return ("system.start.after", ctx);
    }

    private static JsonObject HookContext(Run run) => new()
    {
        ["namespace"] = run.Home.Namespace, ["site"] = run.State.Site.Name, ["platform"] = run.Platform.Name(),
        ["siteId"] = run.State.SiteId,
    };
}
