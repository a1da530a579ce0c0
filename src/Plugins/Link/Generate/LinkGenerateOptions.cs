using Skupper.Cli.Sdk;

namespace Skupper.Plugins.Link.Generate;

/// <summary>
/// What <c>link generate</c> declares: on Kubernetes how the link and its certificate are made; elsewhere which file to print.
/// </summary>
internal sealed class LinkGenerateOptions(ICommandDeclaration command)
{
    public static readonly IReadOnlyList<string> Formats = ["json", "yaml"];

    public IArgumentValue Name { get; } =
        command.Argument("name", "The name of the resource to be generated. A name is generated if none is provided.");

    public IOption<string?> TlsCredentials { get; } = command.Option("--tls-credentials <NAME>",
        "The name of the Secret with the link's client certificate (default: the link's name, or \"link-SITE\"). Kubernetes only.",
        Parsers.KubernetesName());

    public IOption<bool> GenerateCredential { get; } = command.Option("--generate-credential",
        "Have the controller issue the client certificate, signed by this site's CA (--generate-credential=false " +
        "prints only the Link, for a Secret the remote site already has). Kubernetes only.", Parsers.Boolean(true));

    public IOption<int> Cost { get; } = command.Option("--cost <INTEGER>",
        "The link's cost: the router prefers links of lower cost. Kubernetes only.", Parsers.Number(1, min: 1));

    public OutputOptions Output { get; } = new(command, Formats, "yaml", "Select the output format: json or yaml. Kubernetes only.");

    public IOption<TimeSpan> Timeout { get; } = command.Option("--timeout <DURATION>",
        "Raise an error if the site is not ready and the certificate not issued in this time. Kubernetes only.", Parsers.Timeout("60s"));

    public IOption<bool> Force { get; } = command.Option("--force",
        "Print the link's client certificate and private key even when standard output is a terminal.", Parsers.Switch());

    public IOption<string?> Host { get; } = command.Option("--host <HOST>",
        "Print the site's link that has an endpoint on this host (one the remote site can reach). Docker, Podman and Linux only.",
        Parsers.Text());

    /// <summary>Refuses what only Kubernetes takes on another platform, each option in one line.</summary>
    public void KubernetesOnly(Platform platform, Problems problems)
    {
        foreach (var option in new IOptionValue[] { TlsCredentials, GenerateCredential, Cost }) option.KubernetesOnly(platform, problems);
        Output.KubernetesOnly(platform, problems);
        Timeout.KubernetesOnly(platform, problems);
    }
}
