using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using Scalar = YamlDotNet.Core.Events.Scalar;

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
        var files = Files(answer, @namespace);
        WriteAll(new NamespaceHome(context.DataHome, @namespace).InputResources, files);
    }

    /// <summary>The answer's Secret (first) and Links as (file name, text), checked before anything is written.</summary>
    private static List<(string File, string Text, bool Secret)> Files(string answer, string @namespace)
    {
        List<JsonObject> documents;
        try
        {
            documents = TokenFile.ParseDocuments(answer).OfType<JsonObject>().ToList();
        }
        catch (YamlException e)
        {
            throw new SkupperException($"the token was not redeemed: the grant server's answer is not valid YAML: {Printable.Escape(e.Message)}");
        }
        var files = new List<(string, string, bool)>();
        for (var i = 0; i < documents.Count; i++)
        {
            var doc = documents[i];
            var kind = i == 0 ? "Secret" : "Link";
            var docName = (doc["metadata"]?["name"] as JsonValue)?.ToString();
            if ((doc["kind"] as JsonValue)?.ToString() != kind || docName is null || KubernetesNames.CheckSubdomain(docName) is not null)
                throw new SkupperException($"the token was not redeemed: the grant server's answer is not a Secret followed by Links (document {i + 1})");
            doc["metadata"]!["namespace"] = @namespace;
            files.Add(($"{kind}-{docName}.yaml", GoYaml(doc), i == 0));
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
            throw new SkupperException($"the token was redeemed at the grant server but its link could not be written: {Printable.Escape(e.Message)}");
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    /// <summary>
    /// YAML as the Go CLI writes resource files (internal/cmd/skupper/common/utils/encode.go, Encode "yaml": sigs.k8s.io/yaml,
    /// keys sorted, null and empty values left out of maps, strings that would read as another type double-quoted,
    /// sequences at their key's indentation).
    /// </summary>
    internal static string GoYaml(JsonObject resource)
    {
        var writer = new StringWriter { NewLine = "\n" };
        var emitter = new Emitter(writer);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        Emit(emitter, Clean(resource));
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    /// <summary>encode.go's omitEmptyValues: maps lose their zero values (recursively through maps, not through lists).</summary>
    private static JsonNode? Clean(JsonNode? node)
    {
        if (node is not JsonObject obj) return node?.DeepClone();
        var result = new JsonObject();
        foreach (var (k, v) in obj)
        {
            var cleaned = v is JsonObject ? Clean(v) : v?.DeepClone();
            if (IsZero(v)) continue;
            result[k] = cleaned;
        }
        return result;
    }

    private static bool IsZero(JsonNode? v) => v switch
    {
        null => true,
        JsonObject o => o.Count == 0,
        JsonArray a => a.Count == 0,
        JsonValue s when s.TryGetValue<string>(out var t) => t.Length == 0,
        JsonValue b when b.TryGetValue<bool>(out var f) => !f,
        JsonValue n when n.TryGetValue<double>(out var d) => d == 0,
        _ => false,
    };

    private static void Emit(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case null:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                break;
            case JsonObject obj:
                emitter.Emit(new MappingStart(null, null, false, obj.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var (k, v) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    emitter.Emit(new Scalar(k));
                    Emit(emitter, v);
                }
                emitter.Emit(new MappingEnd());
                break;
            case JsonArray array:
                emitter.Emit(new SequenceStart(null, null, false, array.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in array) Emit(emitter, item);
                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue value when value.TryGetValue<string>(out var s):
                var ambiguous = s.Length == 0 || TokenFile.ReadsAsOtherType(s);
                emitter.Emit(new Scalar(null, null, s, ambiguous ? ScalarStyle.DoubleQuoted : ScalarStyle.Any, !ambiguous, ambiguous));
                break;
            default:
                emitter.Emit(new Scalar(null, null, node.ToJsonString(), ScalarStyle.Plain, true, false));
                break;
        }
    }
}
