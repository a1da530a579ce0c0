using System.Text;

namespace Skupper.Sandbox;

/// <summary>
/// Writes a kubeconfig pointing at the sandbox: one cluster; user <c>sandbox</c> (the bearer token) with one
/// context per namespace; user <c>sandbox-cert</c> (a client certificate) with one context, FIRST-cert.
/// </summary>
public static class KubeconfigWriter
{
    /// <summary>The user and group of the kubeconfig's client certificate (user sandbox-cert).</summary>
    public const string CertUser = "cert-user";
    public const string CertGroup = "system:masters";

    public static string Render(string serverUrl, string caPem, string token, IReadOnlyList<string> namespaces, string certPem, string keyPem)
    {
        static string B64(string pem) => Convert.ToBase64String(Encoding.ASCII.GetBytes(pem));
        var sb = new StringBuilder();
        sb.Append("apiVersion: v1\nkind: Config\nclusters:\n- name: sandbox\n  cluster:\n");
        sb.Append($"    server: {serverUrl}\n    certificate-authority-data: {B64(caPem)}\n");
        sb.Append($"users:\n- name: sandbox\n  user:\n    token: {token}\n");
        sb.Append($"- name: sandbox-cert\n  user:\n    client-certificate-data: {B64(certPem)}\n    client-key-data: {B64(keyPem)}\n");
        sb.Append("contexts:\n");
        foreach (var ns in namespaces)
            sb.Append($"- name: {ns}\n  context:\n    cluster: sandbox\n    user: sandbox\n    namespace: {ns}\n");
        if (namespaces.Count > 0)
            sb.Append($"- name: {namespaces[0]}-cert\n  context:\n    cluster: sandbox\n    user: sandbox-cert\n    namespace: {namespaces[0]}\n");
        sb.Append($"current-context: {(namespaces.Count > 0 ? namespaces[0] : "")}\npreferences: {{}}\n");
        return sb.ToString();
    }

    /// <summary>Writes atomically (temp file then rename) with mode 0600: it holds a bearer token.</summary>
    public static void Write(string path, string content)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp-" + Environment.ProcessId;
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temp, options))
        using (var writer = new StreamWriter(stream))
            writer.Write(content);
        File.Move(temp, full, overwrite: true);
    }
}
