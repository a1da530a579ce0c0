using System.Net.Security;
using System.Runtime.InteropServices;

namespace Skupper.Cli.Host.Services.Connection;

/// <summary>
/// Keeps .NET from reading the system trust store when nothing would trust it. Building the first certificate
/// chain reads every CA file under /etc/ssl/certs (~290 here) even with
/// <see cref="System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust"/>:
/// 57 of the 82 ms of a native TLS GET, measured in DESIGN.md. When the kubeconfig names a CA, that CA replaces the
/// system roots (as in kubectl), so the read is waste. .NET locates the store through OpenSSL's
/// <c>SSL_CERT_FILE</c>/<c>SSL_CERT_DIR</c>, read from the C environment, so they are pointed at nothing there
/// with libc's <c>setenv</c> (<see cref="Environment.SetEnvironmentVariable(string, string?)"/> changes only .NET's
/// copy). Child processes (exec credential plugins) get the user's environment from <see cref="HostEnvironment"/>, untouched.
/// Hooks may still call https servers (<c>http.*</c>): <see cref="ForOtherServers"/> gives them the system roots, read
/// then, the first time a hook makes such a request, so installing hooks no longer costs every command the read
/// (measured: 60 ms of CPU time on a native token issue with one hook, most of the hooks' +124 ms).
/// </summary>
public static partial class SystemTrustStore
{
    private const string Nowhere = "/nonexistent/skupper-trusts-the-kubeconfig-ca-only";

#if NATIVE
    private static readonly bool OnlyOurCodeRuns = true;
#else
    private static readonly bool OnlyOurCodeRuns = false;
#endif

    /// <summary>
    /// Only in the native executable's own process, only when the server is verified against the kubeconfig's CA, and
    /// not when the connection goes through an https:// proxy (its certificate is checked against the system roots).
    /// The native executable runs only this repository's code, whose other TLS connections (hooks' <c>http.*</c>) use
    /// <see cref="ForOtherServers"/>; the managed host also runs third-party plugins, which may call any server.
    /// </summary>
    public static void SkipWhenUnused(HostEnvironment env, ConnectionSettings settings)
    {
        if (!OnlyOurCodeRuns || !env.OwnsProcess || !OperatingSystem.IsLinux() || settings.CaCertificates is null
            || settings.InsecureSkipTlsVerify) return;
        var proxies = new ProxySelector(env);
        if ((settings.ProxyUrl ?? proxies.For(settings.Server))?.Scheme == "https") return;
        setenv("SSL_CERT_FILE", Nowhere, 1);
        setenv("SSL_CERT_DIR", Nowhere, 1);
    }

    /// <summary>
    /// TLS options for a server other than the cluster (a hook's webhook): null (.NET's defaults) unless
    /// <see cref="SkipWhenUnused"/> pointed the process's store at nothing, and then the system roots found as
    /// kubectl's Go runtime finds them (<see cref="SystemRoots"/>), read now.
    /// </summary>
    public static SslClientAuthenticationOptions? ForOtherServers(HostEnvironment env)
    {
        if (!OperatingSystem.IsLinux() || Marshal.PtrToStringUTF8(getenv("SSL_CERT_FILE")) != Nowhere) return null;
        return new SslClientAuthenticationOptions { CertificateChainPolicy = Transport.Trusting(SystemRoots.Read(env)) };
    }

    [LibraryImport(Libc.Name, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);

    [LibraryImport(Libc.Name, StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr getenv(string name);
}
