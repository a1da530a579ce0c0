using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Acornima;
using Jint;
using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Interop;
using Skupper.Cli.Host.Services;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Hooks;

/// <summary>
/// Runs the hooks of one event in Jint: one engine per hook, with the limits of
/// <see cref="HookSettings"/>, no CLR access (only the functions below, which take and return
/// plain JavaScript values), on a thread of its own with a large stack so that runaway
/// recursion ends in Jint's limit, never in a crash. The only class that references Jint.
/// </summary>
internal static partial class JintHookHost
{
    private const int HookThreadStack = 16 * 1024 * 1024;
    private const int MaxReadBytes = 16 * 1024 * 1024;
    private static readonly Lazy<HttpClient> Http = new(() => new HttpClient(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        ConnectTimeout = TimeSpan.FromSeconds(30),
    }) { Timeout = Timeout.InfiniteTimeSpan });

    public static Task<JsonObject> RunAsync(HostEnvironment env, string eventName, string export, JsonObject context,
        IReadOnlyList<HookFile> hooks, HookSettings settings, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try { done.TrySetResult(RunAll(env, eventName, export, context, hooks, settings, cancellationToken)); }
            catch (Exception e) { done.TrySetException(e); }
        }, HookThreadStack) { IsBackground = true, Name = "skupper-hooks" };
        thread.Start();
        // Ctrl-C returns at once even if a hook is blocked in I/O; the engine sees the same token.
        return done.Task.WaitAsync(cancellationToken);
    }

    private sealed class HookFailure(string message, bool ignorable) : Exception(message)
    {
        public bool Ignorable { get; } = ignorable;
    }

    private static JsonObject RunAll(HostEnvironment env, string eventName, string export, JsonObject context,
        IReadOnlyList<HookFile> hooks, HookSettings settings, CancellationToken cancellationToken)
    {
        var redactor = new Redactor();
        redactor.Learn(context);
        var current = (JsonObject)context.DeepClone();
        var setBy = new JsonObject();
        if (env.Debug) env.Error.WriteLine($"debug: hooks: {eventName} context: {redactor.Show(current)}");
        foreach (var hook in hooks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            try
            {
                var result = RunOne(env, hook, eventName, export, current, settings, redactor, cancellationToken);
                foreach (var key in current.Select(p => p.Key).Union(result.Select(p => p.Key)).ToList())
                    if (!JsonNode.DeepEquals(current[key], result[key])) setBy[key] = hook.Path;
                current = result;
                redactor.Learn(current);
                if (env.Debug)
                    env.Error.WriteLine($"debug: hooks: {hook.Path} {export} took {clock.ElapsedMilliseconds} ms; context: {redactor.Show(current)}");
            }
            catch (HookFailure f)
            {
                var message = redactor.Apply(f.Message);
                if (f.Ignorable && HookEvents.IsAfter(eventName))
                {
                    env.Error.WriteLine($"Warning: {message} (ignored: the hook's failurePolicy is Ignore)");
                    continue;
                }
                throw new SkupperException(message);
            }
        }
        if (setBy.Count > 0) current["setBy"] = setBy;
        return current;
    }

    private static JsonObject RunOne(HostEnvironment env, HookFile hook, string eventName, string export, JsonObject context,
        HookSettings settings, Redactor redactor, CancellationToken cancellationToken)
    {
        var ignorable = hook.IgnoreFailures;
        var specifier = "hook:" + hook.Name;
        var deadline = Stopwatch.StartNew();
        using var engine = new Engine(options =>
        {
            options.TimeoutInterval(settings.Timeout);
            if (settings.MaxStatements > 0) options.MaxStatements(settings.MaxStatements);
            options.LimitRecursion(settings.MaxRecursionDepth);
            options.LimitMemory(settings.MemoryLimitBytes);
            options.CancellationToken(cancellationToken);
            options.Constraints.RegexTimeout = settings.Timeout;
            options.Strict = true;
        });
        try
        {
            var host = HostFunctions(engine, env, hook, settings, deadline, redactor, cancellationToken);
            var bootstrap = engine.Evaluate(HookBootstrap.Source, "skupper-host.js");
            var api = (ObjectInstance)engine.Call(bootstrap, host, EnvJson(env), UserJson(env), eventName, hook.Name);

            engine.Modules.Add(specifier, hook.Text);
            var module = engine.Modules.Import(specifier);
            if (module.Get("failurePolicy") is JsString policy) ignorable = policy.ToString() == "Ignore";
            if (module.Get(export) is not Function function) return context;

            var ctx = engine.Call(api.Get("prepare"), context.ToJsonString());
            var returned = engine.Call(function, ctx).UnwrapIfPromise(settings.Timeout);
            var json = engine.Call(api.Get("finish"), ctx, returned).ToString();
            return JsonNode.Parse(json) as JsonObject ?? throw new HookFailure($"hook {hook.Path}: the context is no longer an object", ignorable);
        }
        catch (HookFailure) { throw; }
        catch (OperationCanceledException) { throw; }
        catch (ExecutionCanceledException) { throw new OperationCanceledException(cancellationToken); }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is not JavaScriptException)
        {
            throw new OperationCanceledException("interrupted", e, cancellationToken);
        }
        catch (Exception e)
        {
            throw new HookFailure(Describe(e, hook, specifier, settings), ignorable);
        }
    }

    /// <summary>One line naming the hook and what went wrong: <c>hook FILE:LINE:COLUMN: message</c> or the limit hit.</summary>
    private static string Describe(Exception e, HookFile hook, string specifier, HookSettings settings)
    {
        switch (e)
        {
            case TimeoutException:
                return $"hook {hook.Path}: stopped after the time limit of {GoDuration.Format(settings.Timeout)} (\"timeout\" in hooks.json)";
            case MemoryLimitExceededException:
                return $"hook {hook.Path}: stopped at the memory limit of {settings.MemoryLimitBytes >> 20} MB (\"memoryLimitMB\" in hooks.json)";
            case RecursionDepthOverflowException:
            case InsufficientExecutionStackException:
                return $"hook {hook.Path}: stopped at the recursion depth limit of {settings.MaxRecursionDepth} (\"maxRecursionDepth\" in hooks.json)";
            case StatementsCountOverflowException:
                return $"hook {hook.Path}: stopped at the statement limit of {settings.MaxStatements} (\"maxStatements\" in hooks.json)";
            case ParseErrorException p:
                return $"hook {hook.Path}:{p.LineNumber}:{p.Column}: {p.Description}";
            case JavaScriptException js:
            {
                if (js.Error is ObjectInstance error && error.Get("name") is JsString { } name && name.ToString() == "HookRefusal")
                    return $"hook {hook.Path} refused: {js.Message}";
                var where = Where(js, specifier);
                return $"hook {hook.Path}{where}: {js.Message}";
            }
            case PromiseRejectedException rejected:
            {
                var value = rejected.RejectedValue;
                var message = value is ObjectInstance o && o.Get("message") is JsString m ? m.ToString() : value.ToString();
                return $"hook {hook.Path}: {message}";
            }
            default:
                return $"hook {hook.Path}: {e.Message}";
        }
    }

    /// <summary>":LINE:COLUMN" of the innermost frame in the hook's own file (not the host's bootstrap).</summary>
    private static string Where(JavaScriptException e, string specifier)
    {
        var stack = e.JavaScriptStackTrace ?? "";
        foreach (Match m in StackFrame().Matches(stack))
            if (m.Groups[1].Value == specifier)
                return $":{m.Groups[2].Value}:{m.Groups[3].Value}";
        var location = e.Location;
        if (location.SourceFile == specifier && location.Start.Line > 0)
            return $":{location.Start.Line}:{location.Start.Column + 1}";
        return "";
    }

    [GeneratedRegex(@"\(?([^\s()]+):(\d+):(\d+)\)?")]
    private static partial Regex StackFrame();

    private static string EnvJson(HostEnvironment env)
    {
        var obj = new JsonObject();
        foreach (var (k, v) in env.Variables.OrderBy(p => p.Key, StringComparer.Ordinal)) obj[k] = v;
        return obj.ToJsonString();
    }

    private static string UserJson(HostEnvironment env)
    {
        var uid = FileSecurity.CallerUid();
        var name = env.Get("USER") ?? env.Get("LOGNAME") ?? (uid == 0 ? "root" : null);
        return new JsonObject { ["name"] = name, ["uid"] = uid, ["home"] = env.Home }.ToJsonString();
    }

    /// <summary>The raw functions behind the host API; the bootstrap wraps and freezes them.</summary>
    private static JsObject HostFunctions(Engine engine, HostEnvironment env, HookFile hook, HookSettings settings,
        Stopwatch started, Redactor redactor, CancellationToken cancellationToken)
    {
        var host = new JsObject(engine);
        void Add(string name, int length, Func<JsValue[], JsValue> body) =>
            host.Set(name, new ClrFunction(engine, name, (_, args) => body(args), length));
        JavaScriptException Fail(string message) => new(engine.Intrinsics.Error, message);
        string Str(JsValue[] args, int i, string what) =>
            i < args.Length && args[i] is JsString s ? s.ToString() : throw new JavaScriptException(engine.Intrinsics.TypeError, $"{what} must be a string");
        JsValue Io(string op, Func<JsValue> action)
        {
            try { return action(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw Fail($"{op}: {e.Message}");
            }
        }

        Add("write", 2, args =>
        {
            env.Error.WriteLine(redactor.Apply($"hook {hook.Name}: {Str(args, 0, "level")}{Str(args, 1, "text")}"));
            return JsValue.Undefined;
        });
        Add("now", 0, _ => DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        Add("readText", 1, args =>
        {
            var path = Str(args, 0, "fs.readText: path");
            return Io($"fs.readText {path}", () =>
            {
                if (new FileInfo(path).Length > MaxReadBytes) throw new IOException($"larger than {MaxReadBytes} bytes");
                var text = File.ReadAllText(path);
                redactor.LearnFromTokenText(text);
                return text;
            });
        });
        Add("writeText", 2, args =>
        {
            var path = Str(args, 0, "fs.writeText: path");
            var text = Str(args, 1, "fs.writeText: text");
            return Io($"fs.writeText {path}", () => { AtomicFile.Write(path, text, AtomicFile.Secret); return path; });
        });
        Add("appendText", 2, args =>
        {
            var path = Str(args, 0, "fs.appendText: path");
            var text = Str(args, 1, "fs.appendText: text");
            return Io($"fs.appendText {path}", () =>
            {
                var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows()) options.UnixCreateMode = AtomicFile.Secret;
                using var stream = new FileStream(path, options);
                stream.Write(Encoding.UTF8.GetBytes(text));
                return path;
            });
        });
        Add("copy", 2, args =>
        {
            var from = Str(args, 0, "fs.copy: source");
            var to = Str(args, 1, "fs.copy: destination");
            return Io($"fs.copy {from} {to}", () =>
            {
                if (Directory.Exists(to)) to = Path.Combine(to, Path.GetFileName(from));
                if (new FileInfo(from).Length > MaxReadBytes) throw new IOException($"larger than {MaxReadBytes} bytes");
                var text = File.ReadAllText(from);
                redactor.LearnFromTokenText(text);
                AtomicFile.Write(to, text, AtomicFile.Secret);
                return to;
            });
        });
        Add("mkdir", 1, args =>
        {
            var path = Str(args, 0, "fs.mkdir: path");
            return Io($"fs.mkdir {path}", () =>
            {
                if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
                else Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                return path;
            });
        });
        Add("exists", 1, args =>
        {
            var path = Str(args, 0, "fs.exists: path");
            return File.Exists(path) || Directory.Exists(path) ? JsBoolean.True : JsBoolean.False;
        });
        Add("join", 2, args =>
        {
            var parts = new string[args.Length];
            for (var i = 0; i < args.Length; i++) parts[i] = Str(args, i, "fs.join: each part");
            return Io("fs.join", () => Path.Combine(parts));
        });
        Add("http", 5, args =>
        {
            var method = Str(args, 0, "method");
            var url = Str(args, 1, "http: url");
            var body = args.Length > 2 && args[2] is JsString b ? b.ToString() : null;
            var requested = args.Length > 3 && args[3] is JsNumber n && n.AsNumber() > 0 ? TimeSpan.FromMilliseconds(n.AsNumber()) : settings.HttpTimeout;
            var headers = args.Length > 4 && args[4] is JsString h ? JsonNode.Parse(h.ToString()) as JsonObject : null;
            return HttpRequest(method, url, body, requested, headers, settings, started, Fail, cancellationToken);
        });
        return host;
    }

    private static string HttpRequest(string method, string url, string? body, TimeSpan requested, JsonObject? headers,
        HookSettings settings, Stopwatch started, Func<string, JavaScriptException> fail, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw fail($"http {method}: \"{url}\" is not an http or https URL");
        // Webhook URLs often carry a secret in their path: messages name the server only.
        var shown = uri.GetLeftPart(UriPartial.Authority);
        var left = settings.Timeout - started.Elapsed;
        var timeout = requested < left ? requested : left;
        if (timeout <= TimeSpan.Zero) throw fail($"http {method} {shown}: no time left in the hook's time limit");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
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
            using var response = Http.Value.Send(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            using var stream = response.Content.ReadAsStream(cts.Token);
            var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = stream.Read(chunk)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > settings.HttpMaxResponseBytes)
                    throw fail($"http {method} {shown}: the response is larger than {settings.HttpMaxResponseBytes} bytes (\"httpMaxResponseBytes\" in hooks.json)");
            }
            return new JsonObject
            {
                ["status"] = (int)response.StatusCode,
                ["body"] = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length),
            }.ToJsonString();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw fail($"http {method} {shown}: no answer within {GoDuration.Format(timeout)}");
        }
        catch (HttpRequestException e)
        {
            throw fail($"http {method} {shown}: {e.Message}");
        }
        catch (IOException e)
        {
            throw fail($"http {method} {shown}: {e.Message}");
        }
    }
}
