using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Skupper.Cli.Host.Services.Connection;

/// <summary>
/// The host's one HTTP client for the API server: every read, write and watch, and the handler
/// that a plugin's KubernetesClient <c>IKubernetes</c> sends through, so both have the same identity,
/// TLS and proxy. Plain <c>HttpClient</c> and <c>JsonDocument</c> on the hot path: KubernetesClient's
/// generated layer cost ~30 ms more for the same first request, measured.
/// </summary>
public sealed class ApiConnection : IDisposable
{
    private readonly HttpClient _http;
    private readonly Transport _transport;
    private readonly RequestLog _log;

    public ApiConnection(ConnectionSettings settings, HostEnvironment env, ConnectionWarmup? warmup = null)
    {
        Settings = settings;
        _transport = new Transport(settings, new ProxySelector(env), warmup);
        _log = new RequestLog(settings, env);
        var sockets = new SocketsHttpHandler
        {
            AutomaticDecompression = settings.DisableCompression ? DecompressionMethods.None : DecompressionMethods.GZip,
            UseCookies = false,
            AllowAutoRedirect = false,
        };
        UseTransport(sockets);
        _http = new HttpClient(new RequestHandler(settings, _log) { InnerHandler = sockets }) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public ConnectionSettings Settings { get; }

    /// <summary>
    /// KubernetesClient's client for plugins, sending through the same credentials, impersonation,
    /// logging and transport (its own TLS setup is bypassed: requests reach its handler as http://).
    /// </summary>
    public k8s.IKubernetes CreateKubernetesClient()
    {
        var config = new k8s.KubernetesClientConfiguration
        {
            Host = Settings.Server.ToString(),
            Namespace = Settings.Namespace,
            FirstMessageHandlerSetup = handler => { if (handler is SocketsHttpHandler s) UseTransport(s); },
        };
        if (Settings.RequestTimeout is { } t) config.HttpClientTimeout = t;
        return new k8s.Kubernetes(config, new RequestHandler(Settings, _log));
    }

    private void UseTransport(SocketsHttpHandler handler)
    {
        // Never follow a redirect, on the host's client or a plugin's: the API server sends none, and following one
        // re-sent a DELETE, with the impersonation headers, to wherever it pointed.
        handler.AllowAutoRedirect = false;
        handler.UseProxy = false; // the transport tunnels through proxies itself
        handler.ConnectCallback = (_, ct) => _transport.ConnectAsync(ct);
    }

    /// <summary>
    /// Sends a request and returns the JSON body; a non-2xx answer throws <see cref="ApiStatusException"/>.
    /// A GET is retried, as client-go retries idempotent requests (rest/request.go, withRetry): on
    /// 429 and 5xx (after Retry-After when the server gives one, at most 5 s) and on a connection
    /// that broke, up to <see cref="MaxRetries"/> times with backoff from 100 ms. Each attempt is a
    /// line at -v=6; writes are never repeated here (one may have reached the server: see ResourceClient.CreateAsync
    /// for the creates that are made safe to repeat).
    /// </summary>
    public async Task<JsonDocument> SendAsync(HttpMethod method, string path, CancellationToken cancellationToken,
        string? body = null, string contentType = "application/json") =>
        JsonDocument.Parse(await SendForBodyAsync(method, path, "application/json", body, contentType, cancellationToken)
            .ConfigureAwait(false));

    /// <summary>
    /// A GET whose answer may be other than JSON, as text: a pod's log, which kube-apiserver sends as <c>text/plain</c>
    /// (pkg/registry/core/pod/rest/log.go, LogREST.ProducesMIMETypes). Accepts what client-go's raw requests accept
    /// (<c>application/json, */*</c>), so that a failure still comes as a Status; retried as <see cref="SendAsync"/> retries a GET.
    /// </summary>
    public async Task<string> GetTextAsync(string path, CancellationToken cancellationToken) =>
        Encoding.UTF8.GetString(await SendForBodyAsync(HttpMethod.Get, path, "application/json, */*", null, "application/json",
            cancellationToken).ConfigureAwait(false));

    private async Task<byte[]> SendForBodyAsync(HttpMethod method, string path, string accept, string? body, string contentType,
        CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await SendOnceAsync(method, path, accept, body, contentType, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (method == HttpMethod.Get && attempt < MaxRetries && RetryDelay(e, backoff) is { } delay)
            {
                LogRetry(method, path, e, delay, attempt + 1);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                backoff = NextBackoff(backoff);
            }
        }
    }

    /// <summary>client-go's default for a request (rest/request.go, NewRequest: maxRetries 10).</summary>
    public const int MaxRetries = 10;

    /// <summary>The backoff doubles from 100 ms up to 1 s, so that ten retries take about 7 s at most without Retry-After.</summary>
    public static TimeSpan NextBackoff(TimeSpan backoff) => TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.TicksPerSecond));

    /// <summary>
    /// True for failures worth retrying: 5xx, 429, and connections that broke (not refused, TLS or credentials: the same again).
    /// </summary>
    public static bool IsTransient(Exception e) => e switch
    {
        ApiStatusException r => (int)r.StatusCode >= 500 || r.StatusCode == HttpStatusCode.TooManyRequests,
        ConnectionException => false,
        HttpRequestException or IOException => true,
        _ => false,
    };

    /// <summary>One line per retry, only at -v=6 or more or with SKUPPER_DEBUG (never on plain output).</summary>
    public void LogRetry(HttpMethod method, string path, Exception failure, TimeSpan delay, int retry) =>
        _log.Retry(method, Url(path), failure, delay, retry, MaxRetries);

    /// <summary>
    /// How long to wait before retrying after <paramref name="e"/> (the server's Retry-After, at most 5 s, else the backoff), or null when
    /// it is not worth a retry.
    /// </summary>
    public static TimeSpan? RetryDelay(Exception e, TimeSpan backoff) =>
        !IsTransient(e) ? null
        : e is ApiStatusException { RetryAfter: { } after } ? TimeSpan.FromSeconds(Math.Min(after.TotalSeconds, 5))
        : backoff;

    private async Task<byte[]> SendOnceAsync(HttpMethod method, string path, string accept, string? body, string contentType,
        CancellationToken cancellationToken)
    {
        using var timeout = RequestTimeout(cancellationToken);
        using var request = new HttpRequestMessage(method, Url(path));
        request.Headers.TryAddWithoutValidation("Accept", accept);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, contentType);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token)
                .ConfigureAwait(false);
            var bytes = await ReadBodyAsync(response, method, path, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) throw ApiStatusException.From(response, bytes);
            return bytes;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw TimedOut();
        }
    }

    public Task<JsonDocument> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, cancellationToken);

    /// <summary>
    /// A watch: one (type, object) per event line until the server ends the stream. --request-timeout
    /// bounds only the wait for the response head, as a watch is meant to stay open.
    /// </summary>
    public async IAsyncEnumerable<(string Type, JsonElement Object)> WatchAsync(string path,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url(path));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        HttpResponseMessage response;
        using (var timeout = RequestTimeout(cancellationToken))
        {
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw TimedOut();
            }
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw ApiStatusException.From(response,
                    await ReadBodyAsync(response, HttpMethod.Get, path, cancellationToken).ConfigureAwait(false));
            var lines = new BoundedLines(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false),
                MaxWatchEventBytes, () => TooLarge($"an event of the watch on {path}", MaxWatchEventBytes));
            while (await lines.ReadAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (line.Length == 0) continue;
                using var doc = JsonDocument.Parse(line);
                var type = doc.RootElement.GetProperty("type").GetString() ?? "";
                yield return (type, doc.RootElement.GetProperty("object").Clone());
            }
        }
    }

    /// <summary>
    /// The most a response body may hold: a list of every Skupper resource of a busy namespace is a few MB. A server
    /// that sends without end (2 GB buffered per attempt, each failure retried) meets a final error.
    /// </summary>
    public const int MaxResponseBytes = 64 * 1024 * 1024;

    /// <summary>The most one watch event (one line: a single object) may hold; a line that never ends stops here (item 7).</summary>
    public const int MaxWatchEventBytes = 16 * 1024 * 1024;

    private async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, HttpMethod method, string path,
        CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > MaxResponseBytes) throw TooLarge($"the answer to {method} {path}", MaxResponseBytes);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var body = new MemoryStream();
        var buffer = new byte[81920];
        int n;
        while ((n = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (body.Length + n > MaxResponseBytes) throw TooLarge($"the answer to {method} {path}", MaxResponseBytes);
            body.Write(buffer, 0, n);
        }
        return body.ToArray();
    }

    /// <summary>Not transient (<see cref="IsTransient"/>): the same server sends the same again.</summary>
    private ConnectionException TooLarge(string what, int limit) => TooLarge(Settings.Server, what, limit);

    internal static ConnectionException TooLarge(Uri server, string what, int limit) =>
        new($"{what} from {UrlText.Authority(server)} is larger than {limit / (1024 * 1024)} MiB: " +
            "refused, no Kubernetes API server sends that much");

    private ConnectionException TimedOut() =>
        new($"no answer from {UrlText.Authority(Settings.Server)} within --request-timeout " +
            Skupper.Cli.Sdk.GoDuration.Format(Settings.RequestTimeout ?? TimeSpan.Zero));

    private Uri Url(string path) => new(Settings.Server, Settings.Server.AbsolutePath.TrimEnd('/') + path);

    private CancellationTokenSource RequestTimeout(CancellationToken cancellationToken)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (Settings.RequestTimeout is { } t) cts.CancelAfter(t);
        return cts;
    }

    public void Dispose() => _http.Dispose();

    /// <summary>
    /// Per request: the credentials and impersonation headers, kubectl's User-Agent shape, the -v lines
    /// (<see cref="RequestLog"/>), and the switch to http:// so the transport below owns TLS.
    /// </summary>
    private sealed class RequestHandler(ConnectionSettings settings, RequestLog log) : DelegatingHandler
    {
        private static readonly string UserAgent =
            $"kubectl-skupper/{typeof(ApiConnection).Assembly.GetName().Version?.ToString(3)} " +
            $"({Environment.OSVersion.Platform.ToString().ToLowerInvariant()}/" +
            $"{System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()})";

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var shown = request.RequestUri!;
            var credential = await settings.Credentials.GetAsync(cancellationToken).ConfigureAwait(false);
            if (credential.Authorization is { } auth && request.Headers.Authorization is null)
                request.Headers.TryAddWithoutValidation("Authorization", auth);
            if (settings.Impersonation is { } imp)
            {
                request.Headers.TryAddWithoutValidation("Impersonate-User", imp.User);
                if (imp.Uid is not null) request.Headers.TryAddWithoutValidation("Impersonate-Uid", imp.Uid);
                foreach (var g in imp.Groups) request.Headers.TryAddWithoutValidation("Impersonate-Group", g);
                foreach (var (k, values) in imp.Extra)
                    foreach (var v in values) request.Headers.TryAddWithoutValidation("Impersonate-Extra-" + Uri.EscapeDataString(k), v);
            }
            request.Headers.UserAgent.Clear();
            request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
            if (shown.Scheme == Uri.UriSchemeHttps)
            {
                // IdnHost drops an IPv6 literal's brackets, which a Host header needs.
                var host = shown.HostNameType == UriHostNameType.IPv6 ? shown.Host : shown.IdnHost;
                request.Headers.Host = shown.IsDefaultPort ? host : $"{host}:{shown.Port}";
                request.RequestUri = new UriBuilder(shown) { Scheme = Uri.UriSchemeHttp, Port = shown.Port }.Uri;
            }

            await log.BeforeAsync(request, shown, cancellationToken).ConfigureAwait(false);
            var started = Stopwatch.GetTimestamp();
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                log.Failed(request, shown, e, started);
                // The transport's one-line words; HttpClient would wrap them in its own.
                if (e is HttpRequestException { InnerException: ConnectionException c }) throw c;
                throw;
            }
            await log.AfterAsync(request, shown, response, started, cancellationToken).ConfigureAwait(false);
            return response;
        }
    }
}

/// <summary>A non-2xx answer, with the Kubernetes Status it carried (if any).</summary>
public sealed class ApiStatusException(HttpStatusCode status, string? reasonPhrase, ApiStatus body, TimeSpan? retryAfter = null)
    : Exception($"{(int)status} {body.Message ?? reasonPhrase}")
{
    public HttpStatusCode StatusCode { get; } = status;
    public string? ReasonPhrase { get; } = reasonPhrase;
    public ApiStatus Status { get; } = body;
    /// <summary>The server's Retry-After, in seconds form (what the API server sends).</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
    /// <summary>Where a 3xx pointed: never followed, only named.</summary>
    public Uri? Location { get; init; }

    public static ApiStatusException From(HttpResponseMessage response, byte[] content) =>
        new(response.StatusCode, response.ReasonPhrase, ApiStatus.Read(content), response.Headers.RetryAfter?.Delta)
        {
            Location = response.Headers.Location,
        };
}

/// <summary>A Kubernetes Status object's fields, or all null when the body is not one (e.g. "404 page not found").</summary>
public readonly record struct ApiStatus(string? Message, string? Reason, string? Kind, int? Code)
{
    public static ApiStatus Read(ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty) return default;
        try
        {
            var reader = new Utf8JsonReader(content);
            using var doc = JsonDocument.ParseValue(ref reader);
            return From(doc.RootElement);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    public static ApiStatus From(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("kind", out var k) || k.ValueKind != JsonValueKind.String
            || k.GetString() != "Status")
            return default;
        static string? Str(JsonElement el, string p) =>
            el.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var kind = root.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.Object ? Str(d, "kind") : null;
        int? code = root.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : null;
        return new ApiStatus(Str(root, "message"), Str(root, "reason"), kind, code);
    }
}
