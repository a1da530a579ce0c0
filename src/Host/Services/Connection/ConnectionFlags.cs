namespace Skupper.Cli.Host.Services.Connection;

/// <summary>
/// kubectl's connection flags as the user gave them (null: not given). The command line owns
/// parsing; this layer owns their meaning (<see cref="ConnectionResolver"/>).
/// </summary>
public sealed record ConnectionFlags
{
    public string? Kubeconfig { get; init; }
    public string? Context { get; init; }
    public string? Cluster { get; init; }
    public string? User { get; init; }
    public string? Namespace { get; init; }
    public string? Server { get; init; }
    public string? Token { get; init; }
    public string? As { get; init; }
    public IReadOnlyList<string> AsGroups { get; init; } = [];
    public string? AsUid { get; init; }
    public string? CertificateAuthority { get; init; }
    public string? ClientCertificate { get; init; }
    public string? ClientKey { get; init; }
    public string? TlsServerName { get; init; }
    public bool InsecureSkipTlsVerify { get; init; }
    public string? RequestTimeout { get; init; }
    public int Verbosity { get; init; }
}
