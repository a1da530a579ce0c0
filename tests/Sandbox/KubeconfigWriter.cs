using System.Text;

namespace Skupper.Sandbox;

/// <summary>Writes a kubeconfig pointing at the sandbox: one cluster, one user, one context per namespace.</summary>
public static class KubeconfigWriter
{
    public static string Render(string serverUrl, string caPem, string token, IReadOnlyList<string> namespaces)
    {
        var ca = Convert.ToBase64String(Encoding.ASCII.GetBytes(caPem));
        var sb = new StringBuilder();
        sb.Append("apiVersion: v1\nkind: Config\nclusters:\n- name: sandbox\n  cluster:\n");
        sb.Append($"    server: {serverUrl}\n    certificate-authority-data: {ca}\n");
        sb.Append($"users:\n- name: sandbox\n  user:\n    token: {token}\ncontexts:\n");
        foreach (var ns in namespaces)
            sb.Append($"- name: {ns}\n  context:\n    cluster: sandbox\n    user: sandbox\n    namespace: {ns}\n");
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
