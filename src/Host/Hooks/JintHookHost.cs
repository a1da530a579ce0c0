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
    /// <summary>
    /// The hook thread's stack. Jint's stack guard turns a recursion that would exhaust it (JSON.stringify
    /// or String() of a deeply nested value, a getter calling itself) into a RangeError instead of a
    /// crash; <see cref="HookSettings.MaxRecursionDepthCap"/> is what was measured to fit in it with room
    /// to spare. Reserved, not committed: only what a hook uses is touched.
    /// </summary>
    private const int HookThreadStack = 64 * 1024 * 1024;
    private const int MaxReadBytes = 16 * 1024 * 1024;

    /// <summary>How deep the context a hook leaves may be nested; the token contexts need 2.</summary>
    private const int MaxContextDepth = 64;

    private static readonly Lazy<HttpClient> Http = new(() => new HttpClient(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        ConnectTimeout = TimeSpan.FromSeconds(30),
    }) { Timeout = Timeout.InfiniteTimeSpan });

    private sealed class HookFailure(string message, bool ignorable) : Exception(message)
    {
        public bool Ignorable { get; } = ignorable;
    }

    public static async Task<JsonObject> RunAsync(HostEnvironment env, string eventName, string export, JsonObject context,
        IReadOnlyList<HookFile> hooks, HookSettings settings, CancellationToken cancellationToken)
    {
        var redactor = new Redactor();
        redactor.Learn(context);
        var current = (JsonObject)context.DeepClone();
        var setBy = new JsonObject();
        if (env.Debug) env.Error.WriteLine($"debug: hooks: {eventName} context: {redactor.Show(current)}");
        using var ceiling = env.OwnsProcess ? new MemoryCeiling() : null;
        foreach (var hook in hooks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            try
            {
                var result = await RunOnHookThreadAsync(env, hook, eventName, export, current, settings, redactor, ceiling, cancellationToken)
                    .ConfigureAwait(false);
                foreach (var key in current.Select(p => p.Key).Union(result.Select(p => p.Key)).ToList())
                    if (!JsonNode.DeepEquals(current[key], result[key])) setBy[key] = hook.Path;
                current = result;
                redactor.Learn(current);
                if (env.Debug)
                    env.Error.WriteLine($"debug: hooks: {Printable.Path(hook.Path)} {export} took {clock.ElapsedMilliseconds} ms; context: {redactor.Show(current)}");
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

    /// <summary>
    /// One hook on a thread of its own, watched: at the time limit plus <see cref="Watchdog.Grace"/> the
    /// caller stops waiting, whatever the hook is doing, and reports the time limit. The thread is then
    /// abandoned (told to stop at its next statement; a background thread never keeps the process alive).
    /// Ctrl-C returns at once the same way.
    /// </summary>
    private static async Task<JsonObject> RunOnHookThreadAsync(HostEnvironment env, HookFile hook, string eventName, string export,
        JsonObject context, HookSettings settings, Redactor redactor, MemoryCeiling? ceiling, CancellationToken cancellationToken)
    {
        var watchdog = new Watchdog(settings.Timeout);
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var done = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        ceiling?.Set(settings.MemoryLimitBytes);
        var thread = new Thread(() =>
        {
            try { done.TrySetResult(RunOne(env, hook, eventName, export, context, settings, redactor, watchdog, stop.Token)); }
            catch (Exception e) { done.TrySetException(e); }
        }, HookThreadStack) { IsBackground = true, Name = "skupper-hook" };
        thread.Start();
        bool finished;
        try
        {
            finished = await watchdog.WaitAsync(done.Task, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Abandon(done.Task, stop, ceiling);
            throw;
        }
        if (!finished)
        {
            Abandon(done.Task, stop, ceiling);
            throw new HookFailure(TimeLimit(hook, settings), hook.IgnoreFailures);
        }
        stop.Dispose();
        return await done.Task.ConfigureAwait(false);
    }

    private static void Abandon(Task work, CancellationTokenSource stop, MemoryCeiling? ceiling)
    {
        ceiling?.Keep();
        stop.Cancel();
        // Whatever it ends with later is nobody's business: observe it so it is not reported as unobserved.
        _ = work.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    private static string TimeLimit(HookFile hook, HookSettings settings) =>
        $"hook {Printable.Path(hook.Path)}: stopped after the time limit of {GoDuration.Format(settings.Timeout)} (\"timeout\" in hooks.json)";

    private static JsonObject RunOne(HostEnvironment env, HookFile hook, string eventName, string export, JsonObject context,
        HookSettings settings, Redactor redactor, Watchdog watchdog, CancellationToken cancellationToken)
    {
        var ignorable = hook.IgnoreFailures;
        var specifier = "hook:" + hook.Name;
        var phase = Stopwatch.StartNew();
        using var engine = new Engine(options =>
        {
            options.TimeoutInterval(settings.Timeout);
            if (settings.MaxStatements > 0) options.MaxStatements(settings.MaxStatements);
            options.LimitRecursion(settings.MaxRecursionDepth);
            options.LimitMemory(settings.MemoryLimitBytes);
            options.CancellationToken(cancellationToken);
            options.Constraints.RegexTimeout = settings.Timeout;
            // Recursion no frame count sees (JSON.stringify or String() of a deeply nested value, getters,
            // coercions) ends in a RangeError near the end of the thread's stack, never in a crash.
            options.Constraints.StackOverflowGuard = true;
            options.Strict = true;
        });
        try
        {
            // Shared memory and blocking waits: Atomics.wait blocks inside one call, past every limit.
            engine.Global.Delete("Atomics");
            engine.Global.Delete("SharedArrayBuffer");
            var host = HostFunctions(engine, env, hook, settings, phase, redactor, cancellationToken);
            var bootstrap = engine.Evaluate(HookBootstrap.Source, "skupper-host.js");
            var api = (ObjectInstance)engine.Call(bootstrap, host, EnvJson(env), UserJson(env), eventName, hook.Name);

            engine.Modules.Add(specifier, hook.Text);
            var module = engine.Modules.Import(specifier);
            if (module.Get("failurePolicy") is JsString policy) ignorable = policy.ToString() == "Ignore";
            if (module.Get(export) is not Function function) return context;

            var ctx = engine.Call(api.Get("prepare"), context.ToJsonString());
            watchdog.Arm();
            phase.Restart();
            var returned = engine.Call(function, ctx);
            if (returned.IsPromise())
            {
                var left = settings.Timeout - phase.Elapsed;
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                wait.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
                // A promise that never settles: the same time limit as any other hook that runs too long.
                try { returned = returned.UnwrapIfPromise(wait.Token); }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { throw new TimeoutException(); }
            }
            string json;
            try { json = engine.Call(api.Get("finish"), ctx, returned).ToString(); }
            catch (JavaScriptException e) when (e.Error is ObjectInstance o && o.Get("name") is JsString n && n.ToString() == "RangeError")
            {
                throw new HookFailure($"hook {Printable.Path(hook.Path)}: the context it left cannot be passed back: {e.Message}", ignorable);
            }
            JsonNode? parsed;
            try { parsed = JsonNode.Parse(json, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = MaxContextDepth }); }
            catch (System.Text.Json.JsonException)
            {
                throw new HookFailure($"hook {Printable.Path(hook.Path)}: the context it left is nested deeper than {MaxContextDepth} levels", ignorable);
            }
            return parsed as JsonObject ?? throw new HookFailure($"hook {Printable.Path(hook.Path)}: the context is no longer an object", ignorable);
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
        var path = Printable.Path(hook.Path);
        switch (e)
        {
            case TimeoutException:
                return TimeLimit(hook, settings);
            case MemoryLimitExceededException:
            case OutOfMemoryException:
                return $"hook {path}: stopped at the memory limit of {settings.MemoryLimitBytes >> 20} MB (\"memoryLimitMB\" in hooks.json)";
            case RecursionDepthOverflowException:
            case InsufficientExecutionStackException:
                return $"hook {path}: stopped at the recursion depth limit of {settings.MaxRecursionDepth} (\"maxRecursionDepth\" in hooks.json)";
            case StatementsCountOverflowException:
                return $"hook {path}: stopped at the statement limit of {settings.MaxStatements} (\"maxStatements\" in hooks.json)";
            case ParseErrorException p:
                return $"hook {path}:{p.LineNumber}:{p.Column}: {p.Description}";
            case JavaScriptException js:
            {
                if (js.Error is ObjectInstance error && error.Get("name") is JsString { } name && name.ToString() == "HookRefusal")
                    return $"hook {path} refused: {js.Message}";
                var where = Where(js, specifier);
                return $"hook {path}{where}: {js.Message}";
            }
            case PromiseRejectedException rejected:
            {
                var value = rejected.RejectedValue;
                var message = value is ObjectInstance o && o.Get("message") is JsString m ? m.ToString() : value.ToString();
                return $"hook {path}: {message}";
            }
            default:
                return $"hook {path}: {e.Message}";
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
                throw Fail($"{op}: {Printable.Escape(e.Message)}");
            }
        }

        var name = Printable.Path(hook.Name);
        Add("write", 2, args =>
        {
            // A hook the watchdog gave up on prints nothing more after the command's own messages.
            cancellationToken.ThrowIfCancellationRequested();
            env.Error.WriteLine(redactor.Apply($"hook {name}: {Str(args, 0, "level")}{Str(args, 1, "text")}"));
            return JsValue.Undefined;
        });
        Add("now", 0, _ => DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        Add("readText", 1, args =>
        {
            var path = Str(args, 0, "fs.readText: path");
            return Io($"fs.readText {Printable.Path(path)}", () => ReadText(path, redactor));
        });
        Add("writeText", 2, args =>
        {
            var path = Str(args, 0, "fs.writeText: path");
            var text = Str(args, 1, "fs.writeText: text");
            return Io($"fs.writeText {Printable.Path(path)}", () => { AtomicFile.Write(path, text, AtomicFile.Secret); return path; });
        });
        Add("appendText", 2, args =>
        {
            var path = Str(args, 0, "fs.appendText: path");
            var text = Str(args, 1, "fs.appendText: text");
            return Io($"fs.appendText {Printable.Path(path)}", () =>
            {
                // Appending to a FIFO blocks until a reader comes; a device is no place for hook output.
                if (File.Exists(path) && RegularFile.Problem(path) is { } notRegular) throw new IOException(notRegular);
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
            return Io($"fs.copy {Printable.Path(from)} {Printable.Path(to)}", () =>
            {
                if (Directory.Exists(to)) to = Path.Combine(to, Path.GetFileName(from));
                AtomicFile.Write(to, ReadText(from, redactor), AtomicFile.Secret);
                return to;
            });
        });
        Add("mkdir", 1, args =>
        {
            var path = Str(args, 0, "fs.mkdir: path");
            return Io($"fs.mkdir {Printable.Path(path)}", () =>
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

    /// <summary>
    /// A file's text for fs.readText and fs.copy: a regular file only (a FIFO would block, /dev/zero never
    /// ends), and at most <see cref="MaxReadBytes"/> actually read, whatever size the file reports.
    /// </summary>
    private static string ReadText(string path, Redactor redactor)
    {
        var text = Encoding.UTF8.GetString(RegularFile.ReadAllBytes(path, MaxReadBytes));
        redactor.LearnFromTokenText(text);
        return text;
    }

    private static string HttpRequest(string method, string url, string? body, TimeSpan requested, JsonObject? headers,
        HookSettings settings, Stopwatch started, Func<string, JavaScriptException> fail, CancellationToken cancellationToken)
    {
        // Webhook URLs often carry a secret (a password before the host, a key in the path): messages
        // name the scheme and the server only, never the URL as given.
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
            throw fail($"http {method}: the URL is not an absolute http or https URL");
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            throw fail($"http {method}: only http and https URLs are allowed, not {Printable.Escape(uri.Scheme)}:");
        var shown = uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped);
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
