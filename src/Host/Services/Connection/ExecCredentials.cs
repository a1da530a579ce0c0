using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Services.Connection;

/// <summary>
/// A client-go credential plugin (<c>users[].user.exec</c>), run the way client-go runs it
/// (k8s.io/client-go/plugin/pkg/client/auth/exec/exec.go): the kubeconfig's args passed as given,
/// its env added to ours, <c>KUBERNETES_EXEC_INFO</c> describing the request (with the cluster when
/// <c>provideClusterInfo</c> is set), stdin only when interactive, stderr straight to the user, and
/// an <c>ExecCredential</c> of the same apiVersion read from stdout. Runs at most once per process.
/// </summary>
public sealed class ExecCredentials(KubeExec exec, string userName, string? clusterInfoJson, HostEnvironment env) : Credentials
{
    private static readonly string[] Versions = ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"];

    public override string Kind => $"exec plugin \"{exec.Command}\"";

    protected override async Task<Credential> ResolveAsync(CancellationToken cancellationToken)
    {
        var version = exec.ApiVersion ?? "";
        if (!Versions.Contains(version))
            throw new ConnectionException(
                $"user \"{userName}\": exec plugin apiVersion \"{version}\" is not supported; use {string.Join(" or ", Versions)}");
        var mode = exec.InteractiveMode ?? (version.EndsWith("/v1", StringComparison.Ordinal) ? null : "IfAvailable");
        if (mode is not ("Never" or "IfAvailable" or "Always"))
            throw new ConnectionException(mode is null
                ? $"user \"{userName}\": exec plugin interactiveMode must be set for {version}: Never, IfAvailable or Always"
                : $"user \"{userName}\": exec plugin interactiveMode \"{mode}\" is not one of Never, IfAvailable, Always");
        var interactive = mode != "Never" && env.InputIsTerminal;
        if (mode == "Always" && !interactive)
            throw new ConnectionException($"user \"{userName}\": exec plugin \"{exec.Command}\" needs a terminal " +
                                          "(interactiveMode Always) and standard input is not one");

        var info = new StringBuilder();
        info.Append("{\"kind\":\"ExecCredential\",\"apiVersion\":\"").Append(JsonEncodedText.Encode(version).Value).Append('"')
            .Append(",\"spec\":{");
        if (exec.ProvideClusterInfo && clusterInfoJson is not null) info.Append("\"cluster\":").Append(clusterInfoJson).Append(',');
        info.Append("\"interactive\":").Append(interactive ? "true" : "false").Append("}}");

        var start = new ProcessStartInfo(Locate(exec.Command) ?? throw NotFound())
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = !interactive,
            UseShellExecute = false,
        };
        foreach (var a in exec.Args) start.ArgumentList.Add(a);
        start.Environment.Clear();
        foreach (var (k, v) in env.Variables) start.Environment[k] = v;
        foreach (var (k, v) in exec.Env) start.Environment[k] = v;
        start.Environment["KUBERNETES_EXEC_INFO"] = info.ToString();

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception();
        }
        catch (Win32Exception)
        {
            throw NotFound();
        }
        using (process)
        {
            if (!interactive) process.StandardInput.Close();
            string output;
            try
            {
                output = await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                throw;
            }
            if (process.ExitCode != 0)
                throw new ConnectionException(
                    $"exec plugin \"{exec.Command}\" of user \"{userName}\" failed with exit code {process.ExitCode}");
            return Parse(output, version);
        }
    }

    private ConnectionException NotFound() => new(
        $"exec plugin \"{exec.Command}\" of user \"{userName}\" was not found or cannot run" +
        (string.IsNullOrWhiteSpace(exec.InstallHint) ? "" : ": " + OneLine(exec.InstallHint)));

    /// <summary>The plugin's program, found as client-go finds it (<see cref="ProgramLookup"/>); null when there is none.</summary>
    private string? Locate(string command)
    {
        var found = ProgramLookup.ForThisSystem().Find(command, Variable("PATH"), Variable("PATHEXT"));
        if (found.RelativeEntry is { } entry)
            throw new ConnectionException(
                $"exec plugin \"{command}\" of user \"{userName}\" was found through the relative PATH entry " +
                $"\"{Printable.Escape(entry)}\" and is not run from the current directory; give PATH absolute folders, " +
                "or write the command as a path (./" + Printable.Escape(command) + ")");
        return found.Program;
    }

    /// <summary>An environment variable as the program lookup reads it: on Windows its name in any case ("Path").</summary>
    private string? Variable(string name) => OperatingSystem.IsWindows()
        ? env.Variables.FirstOrDefault(v => string.Equals(v.Key, name, StringComparison.OrdinalIgnoreCase)).Value
        : env.Get(name);

    private Credential Parse(string output, string version)
    {
        string Bad(string what) => $"exec plugin \"{exec.Command}\" of user \"{userName}\" returned {what}";
        try
        {
            using var doc = JsonDocument.Parse(output);
            var root = doc.RootElement;
            string? Str(JsonElement e, string p) =>
                e.ValueKind == JsonValueKind.Object && e.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.String
                    ? v.GetString()
                    : null;
            if (Str(root, "kind") != "ExecCredential") throw new ConnectionException(Bad("no ExecCredential"));
            if (Str(root, "apiVersion") != version)
                throw new ConnectionException(Bad($"apiVersion \"{Str(root, "apiVersion")}\", expected \"{version}\""));
            if (!root.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.Object)
                throw new ConnectionException(Bad("an ExecCredential without status"));
            var token = Str(status, "token");
            var cert = Str(status, "clientCertificateData");
            var key = Str(status, "clientKeyData");
            if ((cert is null) != (key is null))
                throw new ConnectionException(Bad("only one of clientCertificateData and clientKeyData"));
            if (string.IsNullOrEmpty(token) && cert is null)
                throw new ConnectionException(Bad("neither a token nor a client certificate"));
            return new Credential(
                string.IsNullOrEmpty(token) ? null : "Bearer " + token,
                cert is null
                    ? null
                    : new ClientCertificateSource(null, Encoding.ASCII.GetBytes(cert), null, Encoding.ASCII.GetBytes(key!)));
        }
        catch (JsonException)
        {
            throw new ConnectionException(Bad("output that is not JSON"));
        }
    }

    /// <summary>installHint may span lines and carry ANSI escapes (client-go strips those too).</summary>
    private static string OneLine(string text) =>
        string.Join(" ", System.Text.RegularExpressions.Regex.Replace(text, @"\x1b\[[0-9;]*[A-Za-z]", "")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
