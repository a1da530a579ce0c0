using System.Globalization;
using Skupper.Cli.Sdk;

namespace Skupper.Plugins.Debug.Dump;

/// <summary>
/// <c>debug dump [file]</c>: what a Skupper support request asks for first, in one tar.gz (skupperproject/skupper
/// internal/cmd/skupper/debug/kube/debug.go and debug/nonkube/debug.go): on Kubernetes the cluster's version, the router
/// and controller deployments with their pods, logs, ReplicaSets, Roles, ConfigMaps, Services, the namespace's events and
/// endpoints, the Skupper CRDs and every Skupper resource (<see cref="KubernetesDump"/>); elsewhere the namespace's files
/// (<see cref="FileDump"/>). Secrets never go in (<see cref="Redaction"/>). The archive is written whole or not at all.
/// </summary>
internal sealed class DebugDumpCommand : SkupperCommand<IArgument<string?>, DebugDumpCommand.Run>
{
    internal sealed record Run(string Path, string Namespace, DumpArchive Archive);

    public override string Name => "dump";
    public override string Description => "Create a tarball containing various files with the site details.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    protected override IArgument<string?> Declare(ICommandDeclaration command)
    {
        var file = command.Argument("file",
            "The archive to write (default skupper-dump-NAMESPACE-DATE.tar.gz in the current folder).", Parsers.OutputFile());
        command.Details = """
            Create a tarball including site resources and status, component versions, config files
            and logs, for a Skupper support request. Each resource is written twice, as .yaml and
            as .yaml.txt. Secret data, grant codes and token codes are never written: they are
            replaced by "[redacted]". The archive's README.txt lists what was left out and why.
            """;
        command
            .Example("Write skupper-dump-west-20261207161500.tar.gz in the current folder", "debug dump -n west",
                "Skupper dump details written to compressed archive: skupper-dump-west-20261207161500.tar.gz")
            .Example("Write it where you choose", "debug dump /tmp/west.tar.gz");
        return file;
    }

    protected override async Task<Run?> ValidateAsync(ICommandContext context, IArgument<string?> fileArgument, Problems problems,
        CancellationToken cancellationToken)
    {
        var file = fileArgument.Get(problems);
        var ns = "";
        await problems.CheckAsync(() =>
        {
            ns = context.Platform == Platform.Kubernetes ? context.Cluster.Namespace : FileDump.CheckNamespace(context);
            return Task.CompletedTask;
        }).ConfigureAwait(false);
        if (problems.Any) return null;
        var path = file ?? System.IO.Path.GetFullPath(
            $"skupper-dump-{ns}-{DateTime.Now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}.tar.gz");
        if (file is null) FileArguments.CheckCreatable(path, "archive", problems);
        return problems.Any ? null : new Run(path, ns, new DumpArchive(context.Output, context.Platform));
    }

    protected override async Task ActAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken)
    {
        steps.Progress("Collecting debug information...");
        if (context.Platform == Platform.Kubernetes)
            await new KubernetesDump(context.Cluster, run.Archive, cancellationToken).CollectAsync().ConfigureAwait(false);
        else
            new FileDump(context, run.Archive).Collect();
    }

    protected override Task WriteAsync(ICommandContext context, Run run, CancellationToken cancellationToken)
    {
        try
        {
            run.Archive.Write(run.Path, DateTimeOffset.Now);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SkupperException($"cannot write the archive \"{Printable.Path(run.Path)}\": {e.Message}");
        }
        return Task.CompletedTask;
    }

    protected override void Report(ICommandContext context, Run run) =>
        context.Output.Out.WriteLine($"Skupper dump details written to compressed archive: {Printable.Path(Relative(run.Path))}");

    /// <summary>The path as the user would have typed it: relative when it is in the current folder.</summary>
    private static string Relative(string path) =>
        System.IO.Path.GetDirectoryName(path) == Directory.GetCurrentDirectory() ? System.IO.Path.GetFileName(path) : path;
}
