using System.Text;
using System.Text.Json.Nodes;

namespace Skupper.Cli.TestSupport;

/// <summary>One run of an <see cref="ExecPlugin"/>: its arguments, KUBERNETES_EXEC_INFO (null when unset) and the
/// recorded environment variables (null value: unset).</summary>
public sealed record ExecInvocation(IReadOnlyList<string> Arguments, string? ExecInfo, IReadOnlyDictionary<string, string?> Environment);

/// <summary>
/// A client-go exec credential plugin (a bash script) for kubeconfig <c>users[].user.exec</c>, as client-go runs it
/// (kubernetes/client-go plugin/pkg/client/auth/exec/exec.go, refreshCredsLocked): it gets KUBERNETES_EXEC_INFO
/// (an ExecCredential with spec.interactive, and spec.cluster when provideClusterInfo is set) and prints an
/// ExecCredential whose apiVersion must equal the configured one, with status.token or
/// status.clientCertificateData/clientKeyData (PEM), optionally status.expirationTimestamp.
/// The script echoes the apiVersion of KUBERNETES_EXEC_INFO when present, else <see cref="ApiVersion"/>, and
/// appends one record per run to <see cref="LogPath"/>.
/// </summary>
public sealed class ExecPlugin
{
    private const string RecordStart = "--- invocation";
    private const string ArgPrefix = "arg ";
    private const string InfoPrefix = "exec-info ";
    private const string EnvPrefix = "env ";
    private const string UnsetPrefix = "unset ";

    private JsonObject _status = new() { ["token"] = "exec-plugin-token" };
    private (int ExitCode, string Stderr)? _failure;
    private string[] _recordedVariables = [];

    /// <summary>Writes the script <paramref name="name"/> (mode 0755) into <paramref name="folder"/>; its log is NAME.log
    /// beside it. Until told otherwise it returns the token "exec-plugin-token".</summary>
    public ExecPlugin(string folder, string name = "credential-plugin")
    {
        Directory.CreateDirectory(folder);
        Path = System.IO.Path.Combine(System.IO.Path.GetFullPath(folder), name);
        LogPath = Path + ".log";
        Write();
    }

    /// <summary>The script: kubeconfig <c>exec.command</c>.</summary>
    public string Path { get; }

    public string LogPath { get; }

    /// <summary>The apiVersion printed when KUBERNETES_EXEC_INFO is absent or names none.</summary>
    public string ApiVersion { get; private set; } = "client.authentication.k8s.io/v1";

    public ExecPlugin WithApiVersion(string apiVersion)
    {
        ApiVersion = apiVersion;
        return Write();
    }

    /// <summary>Prints status.token (and expirationTimestamp when given).</summary>
    public ExecPlugin ReturnsToken(string token, DateTimeOffset? expires = null)
    {
        _status = new JsonObject { ["token"] = token };
        return Expiring(expires);
    }

    /// <summary>Prints status.clientCertificateData and clientKeyData (PEM).</summary>
    public ExecPlugin ReturnsCertificate(string certificatePem, string keyPem, DateTimeOffset? expires = null)
    {
        _status = new JsonObject { ["clientCertificateData"] = certificatePem, ["clientKeyData"] = keyPem };
        return Expiring(expires);
    }

    /// <summary>Writes <paramref name="stderr"/> to stderr and exits with <paramref name="exitCode"/> (still logging the run).</summary>
    public ExecPlugin Fails(int exitCode, string stderr)
    {
        if (exitCode == 0) throw new ArgumentOutOfRangeException(nameof(exitCode), "a failing plugin exits non-zero");
        _failure = (exitCode, stderr);
        return Write();
    }

    /// <summary>Succeeds again (after <see cref="Fails"/>).</summary>
    public ExecPlugin Succeeds()
    {
        _failure = null;
        return Write();
    }

    /// <summary>Also records these environment variables in each run (kubeconfig <c>exec.env</c> reaches the plugin this way).</summary>
    public ExecPlugin RecordsEnvironment(params string[] names)
    {
        if (names.Any(n => n.Length == 0 || !n.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') || char.IsAsciiDigit(n[0])))
            throw new ArgumentException("environment variable names are letters, digits and _", nameof(names));
        _recordedVariables = names;
        return Write();
    }

    public int InvocationCount => Invocations.Count;

    public IReadOnlyList<ExecInvocation> Invocations
    {
        get
        {
            if (!File.Exists(LogPath)) return [];
            var result = new List<ExecInvocation>();
            List<string>? args = null;
            string? info = null;
            Dictionary<string, string?>? env = null;
            Action<string>? continuation = null; // a line without a prefix continues the previous value (an argument with a newline)
            void Flush()
            {
                if (args != null) result.Add(new ExecInvocation(args, info, env!));
            }
            foreach (var line in File.ReadAllText(LogPath).TrimEnd('\n').Split('\n'))
            {
                if (line == RecordStart)
                {
                    Flush();
                    (args, info, env, continuation) = ([], null, new Dictionary<string, string?>(), null);
                }
                else if (args == null) continue;
                else if (line.StartsWith(ArgPrefix, StringComparison.Ordinal))
                {
                    var list = args;
                    list.Add(line[ArgPrefix.Length..]);
                    continuation = more => list[^1] += "\n" + more;
                }
                else if (line.StartsWith(InfoPrefix, StringComparison.Ordinal))
                {
                    info = line[InfoPrefix.Length..];
                    continuation = more => info += "\n" + more;
                }
                else if (line.StartsWith(EnvPrefix, StringComparison.Ordinal))
                {
                    var kv = line[EnvPrefix.Length..].Split('=', 2);
                    var map = env!;
                    map[kv[0]] = kv.Length > 1 ? kv[1] : "";
                    continuation = more => map[kv[0]] += "\n" + more;
                }
                else if (line.StartsWith(UnsetPrefix, StringComparison.Ordinal))
                    env![line[UnsetPrefix.Length..]] = null;
                else
                    continuation?.Invoke(line);
            }
            Flush();
            return result;
        }
    }

    private ExecPlugin Expiring(DateTimeOffset? expires)
    {
        if (expires is { } e) _status["expirationTimestamp"] = e.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        return Write();
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";

    // Written to a temp file and renamed, so a run in progress keeps reading the old script.
    private ExecPlugin Write()
    {
        var sb = new StringBuilder();
        sb.Append("#!/bin/bash\n# A client-go exec credential plugin written by Skupper.Cli.TestSupport.ExecPlugin (test equipment).\n");
        sb.Append($"log={Quote(LogPath)}\n");
        // One record per run, appended with a single write so concurrent runs do not interleave.
        sb.Append($"record={Quote(RecordStart)}$'\\n'\n");
        sb.Append($"for a in \"$@\"; do record+={Quote(ArgPrefix)}\"$a\"$'\\n'; done\n");
        sb.Append($"if [ -n \"${{KUBERNETES_EXEC_INFO+set}}\" ]; then record+={Quote(InfoPrefix)}\"${{KUBERNETES_EXEC_INFO%$'\\n'}}\"$'\\n'; fi\n");
        foreach (var name in _recordedVariables)
            sb.Append($"if [ -n \"${{{name}+set}}\" ]; then record+={Quote(EnvPrefix + name + "=")}\"${name}\"$'\\n'; else record+={Quote(UnsetPrefix + name)}$'\\n'; fi\n");
        sb.Append("printf '%s' \"$record\" >> \"$log\"\n");
        if (_failure is var (code, stderr))
        {
            sb.Append($"printf '%s\\n' {Quote(stderr)} >&2\nexit {code}\n");
        }
        else
        {
            sb.Append($"api={Quote(ApiVersion)}\n");
            sb.Append("if [[ ${KUBERNETES_EXEC_INFO-} =~ \\\"apiVersion\\\":\\\"([^\\\"]*)\\\" ]]; then api=\"${BASH_REMATCH[1]}\"; fi\n");
            sb.Append($"printf '{{\"apiVersion\":\"%s\",\"kind\":\"ExecCredential\",\"status\":%s}}\\n' \"$api\" {Quote(_status.ToJsonString())}\n");
        }
        var temp = Path + ".tmp";
        File.WriteAllText(temp, sb.ToString());
        File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        File.Move(temp, Path, overwrite: true);
        return this;
    }
}
