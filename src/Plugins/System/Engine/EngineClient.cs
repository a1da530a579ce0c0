using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Skupper.Cli.Sdk;

namespace Skupper.Plugins.System.Engine;

/// <summary>
/// The container engine's Docker-compatible REST API on its unix socket, as the Go CLI uses it
/// (internal/nonkube/client/compat): Podman and Docker answer the same paths. JSON is read and written as
/// <see cref="JsonNode"/>, which needs no reflection. Errors come back as <see cref="SkupperException"/>s in one line,
/// from the engine's <c>{cause, message, response}</c> body when it sends one.
/// </summary>
internal sealed class EngineClient : IDisposable
{
    private readonly HttpClient _http;

    public EngineClient(string endpoint)
    {
        Endpoint = endpoint;
        var socket = endpoint.StartsWith("unix://", StringComparison.Ordinal) ? endpoint["unix://".Length..] : endpoint;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await s.ConnectAsync(new UnixDomainSocketEndPoint(socket), cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(s, ownsSocket: true);
                }
                catch
                {
                    s.Dispose();
                    throw;
                }
            },
            UseProxy = false,
        };
        _http = new HttpClient(handler) { BaseAddress = new Uri("http://d/"), Timeout = Timeout.InfiniteTimeSpan };
    }

    public string Endpoint { get; }

    /// <summary>
    /// <c>CONTAINER_ENDPOINT</c>, else Docker's <c>/run/docker.sock</c>, else Podman's socket in the runtime folder:
    /// <c>/run</c> for root, else <c>$XDG_RUNTIME_DIR</c> (internal/nonkube/client/compat/client.go, GetDefaultContainerEndpoint).
    /// </summary>
    public static string DefaultEndpoint(Platform platform)
    {
        if (Environment.GetEnvironmentVariable("CONTAINER_ENDPOINT") is { Length: > 0 } endpoint) return endpoint;
        if (platform == Platform.Docker) return "unix:///run/docker.sock";
        var runtime = Environment.IsPrivilegedProcess ? "/run"
            : Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } dir ? dir : $"/run/user/{Posix.Uid}";
        return $"unix://{runtime}/podman/podman.sock";
    }

    /// <summary>The engine and its API version; refuses a Podman older than 4 (compat/version.go, Validate).</summary>
    public async Task<(string Engine, string ApiVersion)> VersionAsync(CancellationToken cancellationToken)
    {
        var v = await SendAsync(HttpMethod.Get, "version", null, cancellationToken).ConfigureAwait(false);
        var engine = "docker";
        var api = v?["ApiVersion"]?.GetValue<string>() ?? "";
        foreach (var c in v?["Components"]?.AsArray() ?? [])
        {
            if (c?["Name"]?.GetValue<string>()?.Contains("podman", StringComparison.OrdinalIgnoreCase) != true) continue;
            engine = "podman";
            if (c["Details"]?["APIVersion"]?.GetValue<string>() is { } podmanApi) api = podmanApi;
        }
        if (engine == "podman" && int.TryParse(api.Split('.')[0], out var major) && major < 4)
            throw new SkupperException($"podman version must be 4.0.0 or greater, found: {api}");
        return (engine, api);
    }

    public async Task<JsonArray> ListAsync(string label, CancellationToken cancellationToken)
    {
        var filters = Uri.EscapeDataString(new JsonObject { ["label"] = new JsonArray(label) }.ToJsonString());
        var list = await SendAsync(HttpMethod.Get, $"containers/json?all=true&filters={filters}", null, cancellationToken)
            .ConfigureAwait(false);
        return list as JsonArray ?? [];
    }

    /// <summary>The container's inspection, or null when there is none of that name.</summary>
    public Task<JsonNode?> InspectAsync(string name, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"containers/{Uri.EscapeDataString(name)}/json", null, cancellationToken, notFoundIsNull: true);

    public async Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Get, $"images/{Uri.EscapeDataString(image)}/json", null, cancellationToken, notFoundIsNull: true)
            .ConfigureAwait(false) is not null;

    /// <summary>Pulls; a pull can fail inside a 200 answer, as a line of the progress stream holding <c>error</c>.</summary>
    public async Task PullAsync(string image, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync($"images/create?fromImage={Uri.EscapeDataString(image)}", null, cancellationToken)
            .ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw Error(response.StatusCode, text, $"pull {image}");
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (TryParse(line)?["error"]?.GetValue<string>() is { } error)
                throw new SkupperException($"unable to pull image {image}: {Printable.Escape(error.Split('\n')[0])}");
        }
    }

    public Task CreateAsync(string name, JsonObject spec, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"containers/create?name={Uri.EscapeDataString(name)}", spec, cancellationToken);

    public Task StartAsync(string name, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"containers/{Uri.EscapeDataString(name)}/start", null, cancellationToken);

    public Task StopAsync(string name, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"containers/{Uri.EscapeDataString(name)}/stop?t=10", null, cancellationToken);

    public Task RenameAsync(string name, string newName, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"containers/{Uri.EscapeDataString(name)}/rename?name={Uri.EscapeDataString(newName)}", null,
            cancellationToken);

    public Task RemoveAsync(string name, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, $"containers/{Uri.EscapeDataString(name)}?force=true", null, cancellationToken, notFoundIsNull: true);

    public async Task<string> LogsAsync(string name, CancellationToken cancellationToken)
    {
        var path = $"containers/{Uri.EscapeDataString(name)}/logs?stdout=true&stderr=true";
        var bytes = await _http.GetByteArrayAsync(path, cancellationToken).ConfigureAwait(false);
        return Demultiplex(bytes);
    }

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken,
        bool notFoundIsNull = false)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        HttpResponseMessage response;
        try { response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false); }
        catch (HttpRequestException e)
        {
            throw new SkupperException($"the container engine does not answer at {Endpoint}: {e.InnerException?.Message ?? e.Message}",
                hint: "Start its API service (systemctl --user enable --now podman.socket), or set CONTAINER_ENDPOINT to its socket.");
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound && notFoundIsNull) return null;
            if (!response.IsSuccessStatusCode) throw Error(response.StatusCode, text, $"{method} {path.Split('?')[0]}");
            return text.Length == 0 ? null : TryParse(text);
        }
    }

    /// <summary>
    /// The engine's own message: <c>{"cause": …, "message": …, "response": 404}</c> from Podman, <c>{"message": …}</c> from Docker.
    /// </summary>
    private static SkupperException Error(HttpStatusCode status, string text, string what)
    {
        var message = TryParse(text)?["message"]?.GetValue<string>() ?? text.Trim();
        return new SkupperException($"the container engine refused to {what}: {Printable.Escape(message.Split('\n')[0])} ({(int)status})");
    }

    private static JsonNode? TryParse(string text)
    {
        try { return JsonNode.Parse(text); }
        catch (JsonException) { return null; }
    }

    /// <summary>The log stream without its 8-byte frame headers (stream, 0, 0, 0, size) when it has them (no TTY).</summary>
    private static string Demultiplex(byte[] bytes)
    {
        if (bytes.Length < 8 || bytes[0] > 2 || bytes[1] != 0) return Encoding.UTF8.GetString(bytes);
        var text = new StringBuilder();
        for (var i = 0; i + 8 <= bytes.Length;)
        {
            var size = (bytes[i + 4] << 24) | (bytes[i + 5] << 16) | (bytes[i + 6] << 8) | bytes[i + 7];
            text.Append(Encoding.UTF8.GetString(bytes, i + 8, Math.Min(size, bytes.Length - i - 8)));
            i += 8 + size;
        }
        return text.ToString();
    }

    public void Dispose() => _http.Dispose();
}
