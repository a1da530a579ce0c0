using System.Text;
using System.Text.Json.Nodes;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;
using Skupper.Cli.Sdk.Services;
using YamlDotNet.Core;

namespace Skupper.Plugins.Token;

/// <summary>
/// <c>token redeem</c> on Docker, Podman and Linux, as the Skupper Go CLI does it
/// (internal/cmd/skupper/token/nonkube/token_redeem.go, Run): claim the token from its grant server
/// (<see cref="AccessTokenExchange"/>); read back a Secret and Links; write them as <c>Secret-NAME.yaml</c> and
/// <c>Link-NAME.yaml</c> into the namespace's <c>input/resources</c>, where the site's files are (fs.SecretHandler.Add,
/// fs.LinkHandler.Add). All files are written or none.
/// </summary>
internal static class GrantClaim
{
    /// <summary>Claims the token from its grant server and writes what it answers; the namespace is a checked DNS-1123 name.</summary>
    public static async Task RedeemAsync(ICommandContext context, string @namespace, AccessToken token, CancellationToken cancellationToken)
    {
        var answer = await AccessTokenExchange.ClaimAsync(token, @namespace, cancellationToken).ConfigureAwait(false);
        var files = Files(context.Output, answer, @namespace);
        WriteAll(new NamespaceHome(context.DataHome, @namespace).InputResources, files);
    }

    /// <summary>
    /// The answer's Secret (first) and Links as (file name, text), checked before anything is written, in YAML as the Go CLI
    /// writes resource files (internal/cmd/skupper/common/utils/encode.go, Encode "yaml").
    /// </summary>
    private static List<(string File, string Text, bool Secret)> Files(IOutput output, string answer, string @namespace)
    {
        List<JsonObject> documents;
        try
        {
            documents = TokenYaml.ParseDocuments(answer).OfType<JsonObject>().ToList();
        }
        catch (YamlException e)
        {
            throw new SkupperException(
                $"the token was not redeemed: the grant server's answer is not valid YAML: {Printable.Escape(e.Message)}");
        }
        var files = new List<(string, string, bool)>();
        for (var i = 0; i < documents.Count; i++)
        {
            var doc = documents[i];
            var kind = i == 0 ? "Secret" : "Link";
            var docName = (doc["metadata"]?["name"] as JsonValue)?.ToString();
            if ((doc["kind"] as JsonValue)?.ToString() != kind || docName is null || KubernetesNames.CheckSubdomain(docName) is not null)
                throw new SkupperException(
                    $"the token was not redeemed: the grant server's answer is not a Secret followed by Links (document {i + 1})");
            doc["metadata"]!["namespace"] = @namespace;
            files.Add((NamespaceHome.ResourceFile(kind, docName), output.RenderYaml(doc, YamlStyle.GoCli), i == 0));
        }
        if (files.Count < 2) throw new SkupperException("the token was not redeemed: the grant server's answer holds no Link");
        return files;
    }

    /// <summary>
    /// Writes every file to a temporary name first, then renames them all; on any failure nothing is left, neither
    /// temporary files nor some of the results. The Secret holds the link's private key: owner-only, like a token file.
    /// </summary>
    private static void WriteAll(string folder, List<(string File, string Text, bool Secret)> files)
    {
        var staged = new List<(string Temp, string Final)>();
        var placed = new List<string>();
        try
        {
            Directory.CreateDirectory(folder);
            foreach (var (file, text, secret) in files)
            {
                var final = Path.Combine(folder, file);
                var temp = Path.Combine(folder, $".{file}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows()) options.UnixCreateMode = secret ? AtomicFile.Secret : AtomicFile.Ordinary;
                staged.Add((temp, final));
                using (var stream = new FileStream(temp, options))
                {
                    stream.Write(Encoding.UTF8.GetBytes(text));
                    stream.Flush(flushToDisk: true);
                }
            }
            foreach (var (temp, final) in staged)
            {
                // As the Go CLI (os.Create), a file from an earlier redemption of the same name is replaced.
                var existed = File.Exists(final);
                File.Move(temp, final, overwrite: true);
                if (!existed) placed.Add(final);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            foreach (var (temp, _) in staged) TryDelete(temp);
            foreach (var final in placed) TryDelete(final);
            throw new SkupperException(
                $"the token was redeemed at the grant server but its link could not be written: {Printable.Escape(e.Message)}");
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
