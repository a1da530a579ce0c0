using System.Security.Cryptography.X509Certificates;

namespace Skupper.Cli.Host.Services.Connection;

/// <summary>
/// The system's trusted roots, found where kubectl's Go runtime looks for them on Linux (crypto/x509 root_unix.go
/// <c>loadSystemRoots</c> and root_linux.go's lists): <c>SSL_CERT_FILE</c> or the first of the distributions' bundle
/// files that exists, then every file of <c>SSL_CERT_DIR</c> (colon-separated) or of the distributions' folders.
/// Read from the user's environment (<see cref="HostEnvironment"/>), which <see cref="SystemTrustStore"/> never changes.
/// </summary>
internal static class SystemRoots
{
    private static readonly string[] BundleFiles =
    [
        "/etc/ssl/certs/ca-certificates.crt", // Debian, Ubuntu, Gentoo
        "/etc/pki/tls/certs/ca-bundle.crt", // Fedora, RHEL 6
        "/etc/ssl/ca-bundle.pem", // openSUSE
        "/etc/pki/tls/cacert.pem", // OpenELEC
        "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem", // CentOS, RHEL 7
        "/etc/ssl/cert.pem", // Alpine
    ];

    private static readonly string[] Folders = ["/etc/ssl/certs", "/etc/pki/tls/certs"];

    // A bundle is a few hundred kilobytes; a folder holds one certificate a file. Larger files are not certificates.
    private const int MaxFileBytes = 16 * 1024 * 1024;

    public static X509Certificate2Collection Read(HostEnvironment env)
    {
        var roots = new X509Certificate2Collection();
        var files = env.Get("SSL_CERT_FILE") is { } file ? [file] : BundleFiles;
        foreach (var f in files)
            if (TryImport(roots, f)) break;
        var folders = env.Get("SSL_CERT_DIR") is { } dirs ? dirs.Split(':', StringSplitOptions.RemoveEmptyEntries) : Folders;
        foreach (var folder in folders)
        {
            if (!Directory.Exists(folder)) continue;
            foreach (var entry in new DirectoryInfo(folder).EnumerateFiles())
            {
                // Go's readUniqueDirectoryEntries: a link to another file of the same folder (the c_rehash names
                // beside Debian's certificates) is read once, through its target.
                if (entry.LinkTarget is { } target
                    && Path.GetDirectoryName(Path.GetFullPath(target, folder)) == Path.GetFullPath(folder).TrimEnd('/'))
                    continue;
                TryImport(roots, entry.FullName);
            }
        }
        return roots;
    }

    private static bool TryImport(X509Certificate2Collection roots, string path)
    {
        try
        {
            var text = System.Text.Encoding.ASCII.GetString(Sdk.RegularFile.ReadAllBytes(path, MaxFileBytes));
            roots.ImportFromPem(text);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException
                                      or Sdk.FileTooLargeException)
        {
            return false;
        }
    }
}
