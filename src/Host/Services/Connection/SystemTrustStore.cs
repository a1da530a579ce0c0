using System.Runtime.InteropServices;

namespace Skupper.Cli.Host.Services.Connection;

/// <summary>
/// Keeps .NET from reading the system trust store when nothing would trust it. Building the first certificate
/// chain reads every CA file under /etc/ssl/certs (~290 here) even with <see cref="System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust"/>:
/// 57 of the 82 ms of a native TLS GET, measured in DESIGN.md. When the kubeconfig names a CA, that CA replaces the
/// system roots (as in kubectl), so the read is waste. .NET locates the store through OpenSSL's
/// <c>SSL_CERT_FILE</c>/<c>SSL_CERT_DIR</c>, read from the C environment, so they are pointed at nothing there
/// with libc's <c>setenv</c> (<see cref="Environment.SetEnvironmentVariable(string, string?)"/> changes only .NET's
/// copy). Child processes (exec credential plugins) get the user's environment from <see cref="HostEnvironment"/>, untouched.
/// </summary>
public static partial class SystemTrustStore
{
    private const string Nowhere = "/nonexistent/skupper-trusts-the-kubeconfig-ca-only";

    /// <summary>
    /// Only for the CLI's own process, only when the server is verified against the kubeconfig's CA, and not when the
    /// connection goes through an https:// proxy (its certificate is checked against the system roots). The caller
    /// also knows that nothing else in the process will verify a server against them: no hook may call
    /// <c>http.*</c> (see <c>SkupperCli</c>).
    /// </summary>
    public static void SkipWhenUnused(HostEnvironment env, ConnectionSettings settings)
    {
        if (!env.OwnsProcess || !OperatingSystem.IsLinux() || settings.CaCertificates is null || settings.InsecureSkipTlsVerify) return;
        var proxies = new ProxySelector(env);
        if ((settings.ProxyUrl ?? proxies.For(settings.Server))?.Scheme == "https") return;
        setenv("SSL_CERT_FILE", Nowhere, 1);
        setenv("SSL_CERT_DIR", Nowhere, 1);
    }

    [LibraryImport(Libc.Name, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);
}
