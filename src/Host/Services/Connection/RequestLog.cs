using System.Diagnostics;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Services.Connection;

/// <summary>
/// What <c>-v</c> prints about API requests, in the lines kubectl 1.32 prints (client-go v0.32
/// transport/round_trippers.go, DebugWrappers, and rest/request.go, logBody), so a user can set the two side by side:
/// <list type="bullet">
/// <item>6: <c>GET URL 200 OK in 7 milliseconds</c>;</item>
/// <item>7: the request line and its headers, then <c>Response Status: 200 OK in 7 milliseconds</c>;</item>
/// <item>8: also the response headers and the request and response bodies, truncated at 1024 characters;</item>
/// <item>9: a curl command instead of the request line, the level-6 line and the response headers; bodies truncated
/// at 10240 characters (not at all from 10).</item>
/// </list>
/// What kubectl masks is masked (<c>Authorization</c>: <c>Bearer &lt;masked&gt;</c>, client-go's maskValue), and more:
/// a body never shows a grant or token code nor a Secret's data (<see cref="SecretFields"/>), which kubectl would print.
/// </summary>
internal sealed class RequestLog(ConnectionSettings settings, HostEnvironment env)
{
    private int Level => settings.Verbosity;

    public bool Enabled => Level >= 6;

    /// <summary>Bodies are read whole only from level 8, and never for a watch, which stays open.</summary>
    public bool WantsResponseBody(HttpRequestMessage request) =>
        Level >= 8 && !(request.RequestUri?.Query.Contains("watch=true", StringComparison.Ordinal) ?? false);

    public async Task BeforeAsync(HttpRequestMessage request, Uri shown, CancellationToken cancellationToken)
    {
        if (Level < 7) return;
        if (Level >= 8)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            Body("Request Body", body);
        }
        if (Level >= 9)
        {
            var headers = new StringBuilder();
            foreach (var (key, value) in Headers(request))
                headers.Append(" -H ").Append(GoQuote($"{key}: {value}"));
            Line($"curl -v -X{request.Method} {headers} '{UrlText.Full(shown)}'");
            return;
        }
        Line($"{request.Method} {UrlText.Full(shown)}");
        Line("Request Headers:");
        foreach (var (key, value) in Headers(request)) Line($"    {key}: {value}");
    }

    public async Task AfterAsync(HttpRequestMessage request, Uri shown, HttpResponseMessage response, long started,
        CancellationToken cancellationToken)
    {
        if (!Enabled) return;
        var status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        var ms = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (Level is 6 or >= 9) Line($"{request.Method} {UrlText.Full(shown)} {status} in {ms} milliseconds");
        if (Level is 7 or 8) Line($"Response Status: {status} in {ms} milliseconds");
        if (Level >= 8)
        {
            Line("Response Headers:");
            // Go's http.Header holds no Transfer-Encoding: net/http moves it to Response.TransferEncoding.
            foreach (var (key, values) in response.Headers.NonValidated.Concat(response.Content.Headers.NonValidated))
                if (!key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                    foreach (var value in values) Line($"    {key}: {Printable.Escape(value)}");
        }
        if (WantsResponseBody(request))
        {
            // Buffered here so that the reader above reads the same bytes; the cap is the reader's own.
            try
            {
                await response.Content.LoadIntoBufferAsync(ApiConnection.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException)
            {
                throw ApiConnection.TooLarge(settings.Server, $"the answer to {request.Method} {shown.AbsolutePath}",
                    ApiConnection.MaxResponseBytes);
            }
            Body("Response Body", await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>A request that got no answer: level 6's line with nothing where the status would be, as client-go's.</summary>
    public void Failed(HttpRequestMessage request, Uri shown, Exception failure, long started)
    {
        if (!Enabled) return;
        var ms = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var why = Level >= 8 ? $"({failure.GetType().Name}: {Printable.Escape(failure.Message)})" : "";
        if (Level is 7 or 8) Line($"Response Status: {why} in {ms} milliseconds");
        else Line($"{request.Method} {UrlText.Full(shown)} {why} in {ms} milliseconds");
    }

    /// <summary>One line per retry, at -v 6 or more or with SKUPPER_DEBUG (never on plain output).</summary>
    public void Retry(HttpMethod method, Uri url, Exception failure, TimeSpan delay, int retry, int of)
    {
        if (!Enabled && !env.Debug) return;
        var why = failure is ApiStatusException s ? $"{(int)s.StatusCode} {s.ReasonPhrase}" : failure.GetType().Name;
        Line($"retry {retry} of {of}: {method} {UrlText.Full(url)} after {why}, in {(long)delay.TotalMilliseconds} milliseconds");
    }

    /// <summary>
    /// The headers as sent, in the order they were added; Host is not among them in client-go's map either. The
    /// Authorization value keeps only its scheme.
    /// </summary>
    private static IEnumerable<(string Key, string Value)> Headers(HttpRequestMessage request)
    {
        // NonValidated: the values as written, not split into User-Agent product and comment tokens.
        var all = request.Content is null ? request.Headers.NonValidated
            : request.Headers.NonValidated.Concat(request.Content.Headers.NonValidated);
        foreach (var (key, values) in all)
        {
            if (key.Equals("Host", StringComparison.OrdinalIgnoreCase)) continue;
            foreach (var value in values) yield return (key, Printable.Escape(MaskValue(key, value)));
        }
    }

    /// <summary>client-go's maskValue: a known scheme stays (<c>Bearer &lt;masked&gt;</c>), anything else is masked whole.</summary>
    internal static string MaskValue(string key, string value)
    {
        if (!key.Equals("Authorization", StringComparison.OrdinalIgnoreCase) || value.Length == 0) return value;
        var space = value.IndexOf(' ');
        var scheme = space > 0 ? value[..space] : value;
        if (scheme.ToLowerInvariant() is not ("bearer" or "basic" or "negotiate")) return "<masked>";
        return value.Length > scheme.Length + 1 ? scheme + " <masked>" : scheme;
    }

    private void Body(string prefix, string body)
    {
        var shown = Truncate(Redacted(body));
        // klog's text form: a value with a line break is a block, anything else a quoted string.
        if (shown.Contains('\n'))
            Line($"\"{prefix}\" body=<\n\t{Printable.Escape(shown.TrimEnd('\n')).Replace("\\n", "\n\t", StringComparison.Ordinal)}\n >");
        else Line($"\"{prefix}\" body={GoQuote(shown)}");
    }

    /// <summary>The body with its secret values replaced (<see cref="SecretFields"/>); as sent when it holds none or is no JSON.</summary>
    private static string Redacted(string body)
    {
        if (body.Length == 0 || body[0] is not ('{' or '[')) return body;
        try
        {
            var root = JsonNode.Parse(body);
            return SecretFields.Redact(root) ? root!.ToJsonString(AsSent) : body;
        }
        catch (JsonException)
        {
            return body;
        }
    }

    /// <summary>As the API server writes JSON: no escaping of &lt;, &gt; or non-ASCII text, so the line reads as the body did.</summary>
    private static readonly JsonSerializerOptions AsSent = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>rest/request.go's truncateBody: 1024 characters at level 8, 10240 at 9, all of it from 10.</summary>
    private string Truncate(string body)
    {
        var max = Level >= 10 ? int.MaxValue : Level == 9 ? 10240 : 1024;
        return body.Length <= max ? body : body[..max] + $" [truncated {body.Length - max} chars]";
    }

    /// <summary>Go's %q: the string quoted, with quotes, backslashes and control characters escaped.</summary>
    internal static string GoQuote(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x7f)
                        sb.Append("\\x").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                    else if (char.IsControl(c))
                        sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    private void Line(string text) =>
        env.Error.WriteLine($"I{DateTime.Now:MMdd HH:mm:ss.ffffff} {Environment.ProcessId,7} kubectl-skupper] {text}");
}
