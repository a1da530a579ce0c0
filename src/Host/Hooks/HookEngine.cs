using System.Diagnostics;
using System.Net.Security;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Json;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;
using Skupper.Cli.Host.Services;
using Skupper.Cli.Host.Services.Connection;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Hooks;

/// <summary>
/// One Jint engine for the hooks of one event: built with the limits of <see cref="HookSettings"/>
/// (Jint applies them afresh to each entry: each module load and each call is bounded on its own),
/// the host API installed as C# functions on frozen, non-writable globals, each hook loaded as a
/// module of its own (its own scope). Most of what an engine costs is paid once per process (type
/// loading, JIT), so <see cref="Warm"/> builds it and runs a harmless module through the same path a
/// hook takes, on a background thread, before any hook is due (<see cref="HookWarmup"/>).
/// Used by one thread at a time; an engine whose hook failed or was abandoned is never reused.
/// </summary>
internal sealed class HookEngine : IDisposable
{
    private const int MaxReadBytes = 16 * 1024 * 1024;


    /// <summary>
    /// Exercises what hooks commonly do (the shipped examples: regular expressions, dates, string and array
    /// methods, template literals, the host API's side-effect-free functions, JSON both ways, a returned
    /// object) so that its JIT and type loading happen here; touches nothing outside the engine and prints
    /// nothing. No error paths: throwing costs CPU a hook that succeeds never pays (measured: the warm-up
    /// with two caught errors added 70-110 ms of CPU time to token issue under load average 15-18).
    /// </summary>
    private const string WarmUpModule = """
        const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
        const pad = (n) => String(n).padStart(2, "0");
        function helper(ctx, extra) {
          if (!LABEL.test(ctx.site) || ctx.site.length > 30) throw new Error(`bad ${ctx.site}`);
          return { ...extra, site: ctx.site.replace(/-/g, "_").toLowerCase() };
        }
        export const failurePolicy = "Fail";
        export function warmUp(ctx) {
          const d = new Date();
          const date = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
          let suffix = "";
          for (let i = 0; i < 4; i++) suffix += "bcdfg"[Math.floor(Math.random() * 5)];
          const copy = JSON.parse(JSON.stringify(ctx));
          copy.labels[`k-${pad(copy.n)}`] = [copy.site, date, suffix].map((v) => String(v)).join("-");
          copy.annotations["a/b"] = ctx.user.name || `uid ${ctx.user.uid}`;
          copy.path = fs.join("a", `${ctx.event}.yaml`) + typeof env.HOME + now().length + typeof http.postJson;
          copy.list = Object.keys(copy).filter((k) => k.includes("a")).sort();
          return { labels: Object.assign({}, copy.labels), n: copy.n + 1, more: helper(ctx, { x: [1, 2] }) };
        }
        """;

    private readonly Engine _engine;
    private readonly CancellationTokenSource _stop = new();
    private readonly HostEnvironment _env;
    private readonly HookSettings _settings;
    private readonly string _eventName;
    private readonly JsValue _envObject;
    private readonly JsValue _user;
    private readonly JsValue _assign;
    private readonly JsValue _stringify;
    // Built at a hook's first call of each scheme: only an https call reads the system roots (when the cluster's CA
    // made them unused), so the webhooks of the examples, plain http, cost no such read.
    private readonly Lazy<HttpClient> _http;
    private readonly Lazy<HttpClient> _https;
    private readonly Dictionary<HookFile, Prepared<Module>> _prepared = new(ReferenceEqualityComparer.Instance);
    private int _modules;

    // The hook running now: host functions print its name, bound http by its time and stop with the command.
    private string _hookName = "";
    private Redactor _redactor = new();
    private Stopwatch _phase = new();
    private CancellationToken _cancellation;

    private HookEngine(HostEnvironment env, string eventName, HookSettings settings)
    {
        _env = env;
        _settings = settings;
        _eventName = eventName;
        _http = new(() => HttpClientWith(new SslClientAuthenticationOptions()));
        _https = new(() => HttpClientWith(SystemTrustStore.ForOtherServers(env) ?? new SslClientAuthenticationOptions()));
        _engine = new Engine(options =>
        {
            options.TimeoutInterval(settings.Timeout);
            if (settings.MaxStatements > 0) options.MaxStatements(settings.MaxStatements);
            options.LimitRecursion(settings.MaxRecursionDepth);
            options.LimitMemory(settings.MemoryLimitBytes);
            options.CancellationToken(_stop.Token);
            options.Constraints.RegexTimeout = settings.Timeout;
            // Recursion no frame count sees (JSON.stringify or String() of a deeply nested value, getters,
            // coercions) ends in a RangeError near the end of the thread's stack, never in a crash.
            options.Constraints.StackOverflowGuard = true;
            options.Strict = true;
        });
        // Shared memory and blocking waits: Atomics.wait blocks inside one call, past every limit.
        _engine.Global.Delete("Atomics");
        _engine.Global.Delete("SharedArrayBuffer");
        // Taken before any hook runs: a hook replacing Object.assign or JSON.stringify does not change how
        // the next hook's context is passed back.
        _assign = ((ObjectInstance)_engine.Global.Get("Object")).Get("assign");
        _stringify = ((ObjectInstance)_engine.Global.Get("JSON")).Get("stringify");
        _envObject = Frozen(_env.Variables.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, (JsValue)p.Value)));
        var uid = FileSecurity.CallerUid();
        var name = env.Get("USER") ?? env.Get("LOGNAME") ?? (uid == 0 ? "root" : null);
        _user = Frozen([("name", name is null ? JsValue.Null : name), ("uid", uid is { } u ? u : JsValue.Null), ("home", env.Home)]);
        InstallHostApi();
    }

    public HookSettings Settings => _settings;

    /// <summary>An engine, built now on the caller's thread.</summary>
    public static HookEngine Create(HostEnvironment env, string eventName, HookSettings settings) => new(env, eventName, settings);

    /// <summary>
    /// An engine with the cold costs paid: built, a harmless module imported and called as a hook is, the
    /// hooks' modules parsed. Returns null on any failure; the command then builds one when it needs it.
    /// </summary>
    public static HookEngine? Warm(HostEnvironment env, string eventName, IReadOnlyList<HookFile> hooks, HookSettings settings)
    {
        HookEngine? engine = null;
        try
        {
            engine = new HookEngine(env, eventName, settings);
            engine._engine.Modules.Add("skupper:warm-up", WarmUpModule);
            var module = engine._engine.Modules.Import("skupper:warm-up");
            var ctx = engine.Prepare("""{"site":"west","n":1,"labels":{},"annotations":{}}""");
            _ = module.Get("failurePolicy");
            engine.Finish(ctx, engine._engine.Call(module.Get("warmUp"), ctx), "warm-up");
            for (var i = 0; i < hooks.Count; i++)
            {
                try { engine._prepared[hooks[i]] = Engine.PrepareModule(hooks[i].Text, Specifier(i, hooks[i])); }
                catch (Exception) { /* parsed again, and reported, when the hook is loaded */ }
            }
            return engine;
        }
        catch (Exception)
        {
            engine?.Dispose();
            return null;
        }
    }

    /// <summary>What a hook's module is called inside the engine: unique per engine, the file's name for reading.</summary>
    public static string Specifier(int index, HookFile hook) => $"hook:{index}:{hook.Name}";

    /// <summary>The hook that runs next, and what its host functions answer to.</summary>
    public void Begin(HookFile hook, Redactor redactor, CancellationToken cancellation)
    {
        _hookName = Printable.Path(hook.Name);
        _redactor = redactor;
        _cancellation = cancellation;
        _phase = Stopwatch.StartNew();
    }

    /// <summary>Starts a new phase of the hook (the call after the load): http requests are bounded by what is left of it.</summary>
    public void RestartPhase() => _phase.Restart();

    public TimeSpan PhaseElapsed => _phase.Elapsed;

    /// <summary>Stops whatever the engine runs now, and for good; the command's Ctrl-C and the watchdog use it.</summary>
    public void Stop() => _stop.Cancel();

    public ObjectInstance Import(HookFile hook, string specifier)
    {
        if (_prepared.Remove(hook, out var prepared))
            _engine.Modules.Add(specifier, builder => builder.AddModule(prepared));
        else
            _engine.Modules.Add(specifier, hook.Text);
        _modules++;
        return _engine.Modules.Import(specifier);
    }

    public JsValue Call(JsValue function, JsValue argument) => _engine.Call(function, argument);

    /// <summary>The context a hook receives: the command's fields, plus read-only, non-enumerable event, user and env.</summary>
    public ObjectInstance Prepare(string json)
    {
        var ctx = (ObjectInstance)new JsonParser(_engine).Parse(json);
        Hidden(ctx, "event", _eventName);
        Hidden(ctx, "user", _user);
        Hidden(ctx, "env", _envObject);
        return ctx;
    }

    /// <summary>
    /// The context as the hook left it, as JSON: a returned object's fields copied onto it. Null with the
    /// reason when the hook returned something else; JavaScript errors (a getter, a toJSON) propagate.
    /// </summary>
    public string Finish(ObjectInstance ctx, JsValue returned, string hookName)
    {
        if (!returned.IsUndefined() && !returned.IsNull())
        {
            if (returned is not ObjectInstance || returned.IsArray() || returned is Function)
                throw new ReturnedNonObjectException(
                    $"{hookName} returned {(returned.IsArray() ? "an array" : returned is Function ? "function" : TypeOf(returned))}: " +
                    "return nothing, or an object of context fields to set");
            _engine.Call(_assign, ctx, returned);
        }
        return _engine.Call(_stringify, ctx).ToString();
    }

    public sealed class ReturnedNonObjectException(string message) : Exception(message);

    private static string TypeOf(JsValue v) => v.Type switch
    {
        Types.String => "string",
        Types.Number => "number",
        Types.Boolean => "boolean",
        Types.Symbol => "symbol",
        Types.BigInt => "bigint",
        _ => "object",
    };

    private static void Hidden(ObjectInstance o, string name, JsValue value) =>
        o.DefineOwnProperty(name, new PropertyDescriptor(value, writable: false, enumerable: false, configurable: false));

    /// <summary>Like <c>Object.freeze({...})</c>: enumerable, read-only, not configurable, not extensible.</summary>
    private JsObject Frozen(IEnumerable<(string Key, JsValue Value)> properties)
    {
        var o = new JsObject(_engine);
        foreach (var (key, value) in properties)
            o.DefineOwnProperty(key, new PropertyDescriptor(value, writable: false, enumerable: true, configurable: false));
        o.PreventExtensions();
        return o;
    }

    private ClrFunction Function(string name, int length, Func<JsValue[], JsValue> body) =>
        new(_engine, name, (_, args) => body(args), length);

    private JavaScriptException Fail(string message) => new(_engine.Intrinsics.Error, message);

    private string Str(JsValue[] args, int i, string what) =>
        i < args.Length && args[i] is JsString s
            ? s.ToString()
            : throw new JavaScriptException(_engine.Intrinsics.TypeError, $"{what} must be a string");

    private JsValue Io(string op, Func<JsValue> action)
    {
        try { return action(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw Fail($"{op}: {Printable.Escape(e.Message)}");
        }
    }

    /// <summary>
    /// console, env, fs, http, refuse and now: hidden (non-enumerable), non-writable globals holding frozen
    /// objects of host functions that take and return plain JavaScript values; no CLR object is reachable.
    /// </summary>
    private void InstallHostApi()
    {
        JsValue Write(string level, JsValue[] args)
        {
            // A hook the watchdog gave up on prints nothing more after the command's own messages.
            _cancellation.ThrowIfCancellationRequested();
            _env.Error.WriteLine(_redactor.Apply($"hook {_hookName}: {level}{Text(args)}"));
            return JsValue.Undefined;
        }
        Global("console", Frozen([
            ("log", Function("log", 0, a => Write("", a))),
            ("info", Function("info", 0, a => Write("", a))),
            ("debug", Function("debug", 0, a => Write("", a))),
            ("warn", Function("warn", 0, a => Write("warning: ", a))),
            ("error", Function("error", 0, a => Write("error: ", a))),
        ]));
        Global("env", _envObject);
        Global("fs", Frozen([
            ("readText", Function("readText", 1, args =>
            {
                var path = Str(args, 0, "fs.readText: path");
                return Io($"fs.readText {Printable.Path(path)}", () => ReadText(path));
            })),
            ("writeText", Function("writeText", 2, args =>
            {
                var path = Str(args, 0, "fs.writeText: path");
                var text = Str(args, 1, "fs.writeText: text");
                return Io($"fs.writeText {Printable.Path(path)}", () => { AtomicFile.Write(path, text, AtomicFile.Secret); return path; });
            })),
            ("appendText", Function("appendText", 2, args =>
            {
                var path = Str(args, 0, "fs.appendText: path");
                var text = Str(args, 1, "fs.appendText: text");
                return Io($"fs.appendText {Printable.Path(path)}", () =>
                {
                    // Appending to a FIFO blocks until a reader comes; a device is no place for hook output.
                    if (File.Exists(path) && RegularFile.Problem(path) is { } notRegular) throw new IOException(notRegular);
                    using var stream = NoFollowFile.OpenAppend(path, AtomicFile.Secret);
                    stream.Write(Encoding.UTF8.GetBytes(text));
                    return path;
                });
            })),
            ("copy", Function("copy", 2, args =>
            {
                var from = Str(args, 0, "fs.copy: source");
                var to = Str(args, 1, "fs.copy: destination");
                return Io($"fs.copy {Printable.Path(from)} {Printable.Path(to)}", () =>
                {
                    if (Directory.Exists(to)) to = Path.Combine(to, Path.GetFileName(from));
                    AtomicFile.Write(to, ReadText(from), AtomicFile.Secret);
                    return to;
                });
            })),
            ("mkdir", Function("mkdir", 1, args =>
            {
                var path = Str(args, 0, "fs.mkdir: path");
                return Io($"fs.mkdir {Printable.Path(path)}", () =>
                {
                    if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
                    else Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                    return path;
                });
            })),
            ("exists", Function("exists", 1, args =>
            {
                var path = Str(args, 0, "fs.exists: path");
                return File.Exists(path) || Directory.Exists(path) ? JsBoolean.True : JsBoolean.False;
            })),
            ("join", Function("join", 2, args =>
            {
                var parts = new string[args.Length];
                for (var i = 0; i < args.Length; i++) parts[i] = Str(args, i, "fs.join: each part");
                return Io("fs.join", () => Path.Combine(parts));
            })),
        ]));
        Global("http", Frozen([
            ("postJson", Function("postJson", 3, a => Request("POST", Arg(a, 0), Arg(a, 1), Arg(a, 2)))),
            ("getJson", Function("getJson", 2, a => Request("GET", Arg(a, 0), JsValue.Undefined, Arg(a, 1)))),
        ]));
        Global("refuse", Function("refuse", 1, args =>
        {
            var error = _engine.Intrinsics.Error.Construct([TypeConverter.ToString(Arg(args, 0))], _engine.Intrinsics.Error);
            error.Set("name", "HookRefusal");
            throw new JavaScriptException(error);
        }));
        Global("now", Function("now", 0, _ =>
            DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static JsValue Arg(JsValue[] args, int i) => i < args.Length ? args[i] : JsValue.Undefined;

    private void Global(string name, JsValue value) =>
        _engine.Global.DefineOwnProperty(name, new PropertyDescriptor(value, writable: false, enumerable: false, configurable: false));

    /// <summary>console's text: strings as they are, errors as String() gives them, the rest as JSON (else String()).</summary>
    private string Text(JsValue[] args)
    {
        var parts = new string[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (a is JsString s) { parts[i] = s.ToString(); continue; }
            if (a is ObjectInstance o && IsError(o)) { parts[i] = TypeConverter.ToString(a); continue; }
            try
            {
                var json = new JsonSerializer(_engine).Serialize(a);
                parts[i] = json.IsUndefined() ? TypeConverter.ToString(a) : json.ToString();
            }
            catch (JavaScriptException)
            {
                parts[i] = TypeConverter.ToString(a);
            }
        }
        return string.Join(" ", parts);
    }

    private bool IsError(ObjectInstance o)
    {
        var errorPrototype = _engine.Intrinsics.Error.Get("prototype");
        for (var p = o.Prototype; p is not null; p = p.Prototype)
            if (ReferenceEquals(p, errorPrototype)) return true;
        return false;
    }

    /// <summary>http.postJson and http.getJson: <c>{ status, ok, body, json }</c>, frozen.</summary>
    private JsObject Request(string method, JsValue url, JsValue body, JsValue options)
    {
        var o = options as ObjectInstance;
        string? bodyJson = null;
        if (!body.IsUndefined() && new JsonSerializer(_engine).Serialize(body) is JsString b) bodyJson = b.ToString();
        var timeoutMs = o?.Get("timeoutMs") is { } t && !t.IsUndefined() ? TypeConverter.ToNumber(t) : -1;
        var requested = timeoutMs > 0 ? TimeSpan.FromMilliseconds(timeoutMs) : _settings.HttpTimeout;
        JsonObject? headers = null;
        if (o?.Get("headers") is ObjectInstance h && new JsonSerializer(_engine).Serialize(h) is JsString hj)
            headers = JsonNode.Parse(hj.ToString()) as JsonObject;
        var (status, text) = HttpRequest(method, TypeConverter.ToString(url), bodyJson, requested, headers);
        JsValue json = JsValue.Undefined;
        if (text.Length > 0)
        {
            try { json = new JsonParser(_engine).Parse(text); }
            catch (JavaScriptException) { /* not JSON: body only */ }
        }
        return Frozen([("status", status), ("ok", status is >= 200 and < 300), ("body", text), ("json", json)]);
    }

    /// <summary>
    /// A file's text for fs.readText and fs.copy: a regular file only (a FIFO would block, /dev/zero never
    /// ends), and at most <see cref="MaxReadBytes"/> actually read, whatever size the file reports.
    /// </summary>
    private string ReadText(string path)
    {
        var text = Encoding.UTF8.GetString(RegularFile.ReadAllBytes(path, MaxReadBytes));
        _redactor.LearnFromTokenText(text);
        return text;
    }

    private (int Status, string Body) HttpRequest(string method, string url, string? body, TimeSpan requested, JsonObject? headers)
    {
        // Webhook URLs often carry a secret (a password before the host, a key in the path): messages
        // name the scheme and the server only, never the URL as given.
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
            throw Fail($"http {method}: the URL is not an absolute http or https URL");
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            throw Fail($"http {method}: only http and https URLs are allowed, not {Printable.Escape(uri.Scheme)}:");
        var shown = uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped);
        var left = _settings.Timeout - _phase.Elapsed;
        var timeout = requested < left ? requested : left;
        if (timeout <= TimeSpan.Zero) throw Fail($"http {method} {shown}: no time left in the hook's time limit");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(_cancellation);
        cts.CancelAfter(timeout);
        try
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), uri);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            if (headers is not null)
                foreach (var (k, v) in headers)
                    if (v is JsonValue hv && hv.TryGetValue<string>(out var s) && !request.Headers.TryAddWithoutValidation(k, s))
                        request.Content?.Headers.TryAddWithoutValidation(k, s);
            var client = uri.Scheme == Uri.UriSchemeHttps ? _https.Value : _http.Value;
            using var response = client.Send(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            using var stream = response.Content.ReadAsStream(cts.Token);
            var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = stream.Read(chunk)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > _settings.HttpMaxResponseBytes)
                    throw Fail($"http {method} {shown}: the response is larger than {_settings.HttpMaxResponseBytes} bytes " +
                               "(\"httpMaxResponseBytes\" in hooks.json)");
            }
            return ((int)response.StatusCode, Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }
        catch (OperationCanceledException) when (!_cancellation.IsCancellationRequested)
        {
            throw Fail($"http {method} {shown}: no answer within {GoDuration.Format(timeout)}");
        }
        catch (HttpRequestException e)
        {
            // "The SSL connection could not be established, see inner exception": the inner one says why.
            throw Fail($"http {method} {shown}: {e.InnerException?.Message ?? e.Message}");
        }
        catch (IOException e)
        {
            throw Fail($"http {method} {shown}: {e.Message}");
        }
    }

    private static HttpClient HttpClientWith(SslClientAuthenticationOptions tls) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(30), SslOptions = tls })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };

    public void Dispose()
    {
        _engine.Dispose();
        _stop.Dispose();
        if (_http.IsValueCreated) _http.Value.Dispose();
        if (_https.IsValueCreated) _https.Value.Dispose();
    }
}
