using System.Diagnostics;
using k8s;
using k8s.Models;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;
using Skupper.Cli.Sdk.Services;
using LinkResource = Skupper.Cli.Sdk.Models.Link;

namespace Skupper.Plugins.Link.Generate;

/// <summary>
/// <c>link generate [name]</c>: the Link resources (one per endpoint group of the site's link access) and the
/// client certificate's Secret another site applies to link to this one, printed as YAML or JSON
/// (skupperproject/skupper internal/cmd/skupper/link/kube/link_generate.go). The certificate is asked of the
/// controller with a Certificate resource signed by the site's CA, which is kept: the Secret belongs to it.
/// Off Kubernetes it prints the link file the running site made (<see cref="RuntimeLinks"/>).
/// </summary>
internal sealed class LinkGenerateCommand : SkupperCommand<LinkGenerateOptions, LinkGenerateCommand.Run>
{
    internal sealed record Run(string Namespace, string? Name, string? TlsCredentials, bool GenerateCredential, int Cost, string Format,
        TimeSpan Timeout, Site? Site, Stopwatch Clock)
    {
        /// <summary>The site once Ready (its endpoints and CA are final then).</summary>
        public Site? Ready { get; set; }
        public string Credentials => TlsCredentials ?? Name ?? $"link-{Ready!.Name}";
        public V1Secret? Secret { get; set; }
        public string? RuntimeFile { get; set; }

        public TimeSpan Remaining => Deadline.Remaining(Timeout, Clock);
    }

    public override string Name => "generate";
    public override string Description => "Generate a Link resource for use in a remote site.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    protected override LinkGenerateOptions Declare(ICommandDeclaration command)
    {
        LinkGenerateHelp.Declare(command);
        return new LinkGenerateOptions(command);
    }

    protected override async Task<Run?> ValidateAsync(ICommandContext context, LinkGenerateOptions options, Problems problems,
        CancellationToken cancellationToken)
    {
        var name = options.Name.Value is null ? null : LinkName.Read(options.Name, problems, "");
        options.KubernetesOnly(context.Platform, problems);
        var host = options.Host.Get(problems);
        // The Go CLI has --host off Kubernetes only: there the links are the controller's files, one per endpoint host.
        if (host is not null && context.Platform == Platform.Kubernetes)
            problems.Usage("--host is supported on Docker, Podman and Linux only, not on platform \"kubernetes\"");
        var tls = options.TlsCredentials.Get(problems);
        var generate = options.GenerateCredential.Get(problems);
        var cost = options.Cost.Get(problems);
        var format = options.Output.Read(problems)?.Name ?? "yaml";
        var timeout = options.Timeout.Get(problems);
        if (!generate && tls is null)
            problems.Usage("--generate-credential=false needs --tls-credentials: the name of the Secret the remote site already has");
        // A private key on screen is a secret in the scroll-back and over the shoulder (as token issue - refuses).
        if (context.Platform == Platform.Kubernetes && generate && context.Output.OutIsTerminal && !options.Force.Get(problems))
            problems.Usage("refusing to print the link's private key on a terminal: redirect it to a file only you can read " +
                           $"((umask 077; {context.InvocationName} link generate > link.yaml)), or add --force");

        if (context.Platform != Platform.Kubernetes)
        {
            var runtime = new RuntimeLinks(context);
            string? file = null;
            await problems.CheckAsync(() =>
            {
                file = runtime.Find(name, host);
                return Task.CompletedTask;
            }).ConfigureAwait(false);
            return problems.Any ? null
                : new Run(runtime.Namespace, name, null, false, 1, "yaml", timeout, null, Stopwatch.StartNew()) { RuntimeFile = file };
        }

        string ns = "";
        Site? site = null;
        await problems.CheckAsync(async () =>
        {
            ns = context.Cluster.Namespace;
            site = await LinkableSite.FindAsync(context, ns, "a link can be generated", problems, cancellationToken).ConfigureAwait(false);
            if (site is not null && generate)
                await LinkCredentials.CheckExistingAsync(context, tls ?? name ?? $"link-{site.Name}", ns, problems, cancellationToken)
                    .ConfigureAwait(false);
        }).ConfigureAwait(false);
        return problems.Any ? null : new Run(ns, name, tls, generate, cost, format, timeout, site, Stopwatch.StartNew());
    }

    protected override async Task ActAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken)
    {
        if (run.Site is null) return;
        await steps.UntilAsync<Site>("Site", run.Site.Name, ConditionTypes.Ready, run.Remaining, "site status", cancellationToken)
            .ConfigureAwait(false);
        run.Ready = await context.Cluster.Resources<Site>().GetAsync(run.Site.Name, cancellationToken).ConfigureAwait(false)
                    ?? throw new SkupperException(
                        $"site \"{run.Site.Name}\" was deleted in namespace \"{run.Namespace}\" while the link was generated");
        if (run.Ready.Status?.Endpoints is not { Count: > 0 })
            throw new SkupperException("A link cannot be generated because link access is not enabled",
                hint: $"Use \"{context.InvocationName} site update --enable-link-access\" to enable it.");
        if (!run.GenerateCredential) return;

        var certificates = context.Cluster.Resources<Certificate>();
        if (await certificates.GetAsync(run.Credentials, cancellationToken).ConfigureAwait(false) is not null) return;
        await certificates.CreateAsync(new Certificate
        {
            Metadata = new V1ObjectMeta { Name = run.Credentials },
            Spec = new CertificateSpec
            {
                Ca = run.Ready.Status!.DefaultIssuer ?? "skupper-site-ca",
                Client = true,
                // As the Go CLI asks for it (getSubjectsFromEndpoints): every endpoint's host, joined.
                Subject = string.Join(",", run.Ready.Status.Endpoints.Select(e => e.Host)),
            },
        }, cancellationToken).ConfigureAwait(false);
        // Removed again if its Secret never comes, so that nothing is left of a failed run.
        steps.Undo.Add($"the certificate \"{run.Credentials}\" this command created", ct => certificates.DeleteAsync(run.Credentials, ct),
            $"Delete it with \"kubectl delete certificates.skupper.io {run.Credentials} -n {run.Namespace}\".");
    }

    protected override async Task WaitAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken)
    {
        if (run.Site is null || !run.GenerateCredential) return;
        steps.Progress("Waiting for the client certificate...");
        try
        {
            await context.Waiter.WaitAsync<Certificate>(run.Namespace, run.Credentials, r => WaitCheck.Condition(r, ConditionTypes.Ready),
                run.Remaining, cancellationToken).ConfigureAwait(false);
        }
        catch (WaitTimeoutException e)
        {
            throw new SkupperException(
                $"The TLS Secret \"{run.Credentials}\" is not ready yet: timed out after {GoDuration.Humanize(run.Timeout)}" +
                (e.LastMessage is null ? "" : $"; last status: {e.LastMessage}"),
                hint: $"Check the Certificate with \"kubectl get certificates.skupper.io {run.Credentials} -n {run.Namespace} -o yaml\".");
        }
        run.Secret = await LinkCredentials.ReadSecretAsync(context, run.Credentials, run.Namespace, cancellationToken)
            .ConfigureAwait(false);
    }

    protected override void Report(ICommandContext context, Run run)
    {
        var o = context.Output.Out;
        if (run.RuntimeFile is not null)
        {
            o.Write(File.ReadAllText(run.RuntimeFile));
            return;
        }
        var documents = Links(run).Select(l => context.Output.Render(l, run.Format)).ToList();
        if (run.Secret is not null) documents.Add(context.Output.Render(run.Secret, run.Format));
        o.Write(string.Join(run.Format == "yaml" ? "---\n" : "", documents));
    }

    /// <summary>
    /// One Link per endpoint group (an HA site has two routers), in the order the site lists them. A name given is the
    /// Link's (suffixed with the group only when there are several); without one the Go CLI's, <c>link-SITE-GROUP</c>.
    /// </summary>
    private static IEnumerable<LinkResource> Links(Run run)
    {
        var groups = run.Ready!.Status!.Endpoints!.GroupBy(e => e.Group ?? "").ToList();
        return groups.Select(g => new LinkResource
        {
            Metadata = new V1ObjectMeta
            {
                Name = run.Name is { } name ? (groups.Count == 1 ? name : $"{name}-{g.Key}") : $"link-{run.Ready.Name}-{g.Key}",
            },
            Spec = new LinkSpec { Endpoints = [.. g], TlsCredentials = run.Credentials, Cost = run.Cost },
        });
    }
}
