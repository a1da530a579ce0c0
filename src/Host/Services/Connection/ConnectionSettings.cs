using System.Security.Cryptography.X509Certificates;

namespace Skupper.Cli.Host.Services.Connection;

/// <summary>
/// Everything needed to talk to one API server, resolved once per command from kubeconfig and
/// flags (<see cref="ConnectionResolver"/>): where, how to trust it, who to be.
/// </summary>
public sealed record ConnectionSettings
{
    public required Uri Server { get; init; }
    public required string Namespace { get; init; }
    public string? Context { get; init; }
    /// <summary>The kubeconfig user entry, for messages.</summary>
    public string? UserName { get; init; }

    /// <summary>The roots to trust instead of the system store; null trusts the system store.</summary>
    public X509Certificate2Collection? CaCertificates { get; init; }
    /// <summary>The name the server certificate must carry (and the SNI sent); null: the server URL's host.</summary>
    public string? TlsServerName { get; init; }
    public bool InsecureSkipTlsVerify { get; init; }
    public ClientCertificateSource? ClientCertificate { get; init; }

    public required Credentials Credentials { get; init; }
    public Impersonation? Impersonation { get; init; }

    /// <summary>kubeconfig proxy-url; null: HTTPS_PROXY/HTTP_PROXY/NO_PROXY as Go reads them.</summary>
    public Uri? ProxyUrl { get; init; }
    public bool DisableCompression { get; init; }
    /// <summary>--request-timeout; null: none (kubectl's default 0).</summary>
    public TimeSpan? RequestTimeout { get; init; }
    public int Verbosity { get; init; }
}

public sealed record Impersonation(
    string User, string? Uid, IReadOnlyList<string> Groups, IReadOnlyDictionary<string, IReadOnlyList<string>> Extra);

/// <summary>A client certificate and key, as files or data; read when the first connection is made.</summary>
public sealed record ClientCertificateSource(string? CertificateFile, byte[]? CertificateData, string? KeyFile, byte[]? KeyData)
{
    public X509Certificate2 Load()
    {
        string Pem(string? file, byte[]? data, string what)
        {
            if (data is not null) return System.Text.Encoding.ASCII.GetString(data);
            if (file is null) throw new ConnectionException($"the kubeconfig user has a client {what}-data or {what} file missing");
            try { return File.ReadAllText(file); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ConnectionException(
                    $"cannot read client {what} \"{Skupper.Cli.Sdk.Printable.Path(file)}\": {FileProblem.Describe(e)}");
            }
        }
        var cert = Pem(CertificateFile, CertificateData, "certificate");
        var key = Pem(KeyFile, KeyData, "key");
        try
        {
            using var pem = X509Certificate2.CreateFromPem(cert, key);
            // SslStream on Linux needs the key in a form it can hand to OpenSSL; a PKCS#12 round trip gives that.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new ConnectionException(
                $"the client certificate and key of the kubeconfig user cannot be used: {FileProblem.Describe(e)}");
        }
    }
}

/// <summary>A failure to connect or authenticate, already worded for the user (one line).</summary>
public sealed class ConnectionException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Why a file could not be read, in words: the build strips .NET's resource strings
/// (UseSystemResourceKeys), so an exception's own message can be a key such as
/// IO_FileNotFound_FileName followed by the raw path.
/// </summary>
internal static class FileProblem
{
    public static string Describe(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file",
        Skupper.Cli.Sdk.NotRegularFileException => "it " + e.Message,
        Skupper.Cli.Sdk.FileTooLargeException big => $"it is larger than {big.MaxBytes / (1024 * 1024)} MiB",
        UnauthorizedAccessException => "permission denied",
        PathTooLongException => "the path is too long",
        System.Security.Cryptography.CryptographicException => "it holds no certificate or key that can be read",
        IOException io when io.HResult == 21 || io.Message.Contains("directory", StringComparison.OrdinalIgnoreCase) => "it is a directory",
        _ => "it cannot be read",
    };
}
