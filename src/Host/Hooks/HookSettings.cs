using Skupper.Cli.Host.Services;
using System.Text.Json;
using System.Text.Json.Nodes;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Hooks;

/// <summary>
/// The limits every hook call runs under, from <c>$XDG_CONFIG_HOME/skupper/hooks.json</c>
/// (all keys optional; unknown keys and bad values are errors, so a typo never loosens a limit
/// silently).
/// </summary>
public sealed record HookSettings
{
    public static readonly HookSettings Default = new();

    /// <summary>Wall-clock time for one hook call (module load and the call each).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Bytes a hook call may allocate.</summary>
    public long MemoryLimitBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Nested JavaScript calls.</summary>
    public int MaxRecursionDepth { get; init; } = 256;

    /// <summary>
    /// The largest <see cref="MaxRecursionDepth"/> allowed: measured to end in the recursion limit, not in
    /// the stack guard, on the hook thread's stack for the costliest kinds of call (docs/hooks.md).
    /// </summary>
    public const int MaxRecursionDepthCap = 10_000;

    /// <summary>Statements executed by one hook call; 0 means no statement limit (the time limit still applies).</summary>
    public int MaxStatements { get; init; } = 10_000_000;

    /// <summary>Default timeout of one <c>http</c> request (never more than the time the hook call has left).</summary>
    public TimeSpan HttpTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest HTTP response body a hook may read.</summary>
    public int HttpMaxResponseBytes { get; init; } = 1024 * 1024;

    /// <summary>Where the settings file is, whether or not it exists.</summary>
    public static string PathFor(HostEnvironment env) =>
        Path.Combine(env.XdgDir("XDG_CONFIG_HOME", ".config"), "skupper", "hooks.json");

    /// <summary>Far above any real settings file; read with a count of the bytes actually read.</summary>
    private const int MaxSettingsBytes = 64 * 1024;

    /// <summary>
    /// The settings, trusted as a hook is (they can loosen every limit): the file and its folder must not
    /// be writable by group or others and must belong to the caller or root, and the file must be a
    /// regular file. A refusal stops every command with hooks, like a refused hook.
    /// </summary>
    public static HookSettings Load(HostEnvironment env)
    {
        var path = PathFor(env);
        var shown = Printable.Path(path);
        string text;
        try
        {
            if (!File.Exists(path) && !Directory.Exists(path)) return Default;
            var caller = FileSecurity.CallerUid();
            var problem = FileSecurity.Problem(Path.GetDirectoryName(path)!, isFolder: true, caller)
                          ?? FileSecurity.Problem(path, isFolder: false, caller)
                          ?? (RegularFile.Problem(path) is { } notRegular ? $"{shown} {notRegular}" : null);
            if (problem is not null)
                throw new SkupperException($"hook settings {shown} refused: {Printable.Escape(problem)}",
                    hint: $"Fix it, or run the command with --no-hooks. \"{env.InvocationName} hook list\" shows every hook.");
            text = System.Text.Encoding.UTF8.GetString(RegularFile.ReadAllBytes(path, MaxSettingsBytes));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SkupperException($"cannot read hook settings {shown}: {Printable.Escape(e.Message)}");
        }
        return Parse(text, shown);
    }

    public static HookSettings Parse(string text, string path)
    {
        JsonObject obj;
        try
        {
            var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
            obj = JsonNode.Parse(text, documentOptions: options) as JsonObject
                  ?? throw new SkupperException($"invalid hook settings in {path}: expected a JSON object");
        }
        catch (JsonException e)
        {
            throw new SkupperException($"invalid hook settings in {path}: {e.Message}");
        }
        var s = Default;
        var problems = new List<string>();
        foreach (var (key, value) in obj)
        {
            switch (key)
            {
                case "timeout": s = s with { Timeout = Duration(key, value, problems, s.Timeout) }; break;
                case "httpTimeout": s = s with { HttpTimeout = Duration(key, value, problems, s.HttpTimeout) }; break;
                case "memoryLimitMB":
                    s = s with
                    {
                        MemoryLimitBytes = Whole(key, value, 1, 16 * 1024, problems, (int)(s.MemoryLimitBytes >> 20)) * 1024L * 1024,
                    };
                    break;
                case "maxRecursionDepth":
                    s = s with { MaxRecursionDepth = Whole(key, value, 1, MaxRecursionDepthCap, problems, s.MaxRecursionDepth) };
                    break;
                case "maxStatements": s = s with { MaxStatements = Whole(key, value, 0, int.MaxValue, problems, s.MaxStatements) }; break;
                case "httpMaxResponseBytes":
                    s = s with { HttpMaxResponseBytes = Whole(key, value, 1, 256 * 1024 * 1024, problems, s.HttpMaxResponseBytes) };
                    break;
                default:
                    problems.Add($"unknown setting \"{key}\" (known: timeout, memoryLimitMB, maxRecursionDepth, maxStatements, " +
                                 "httpTimeout, httpMaxResponseBytes)");
                    break;
            }
        }
        if (problems.Count > 0)
            throw new SkupperException(string.Join("\n", problems.Select(p => $"invalid hook settings in {path}: {p}")));
        return s;
    }

    private static TimeSpan Duration(string key, JsonNode? value, List<string> problems, TimeSpan fallback)
    {
        if (value is JsonValue v && v.TryGetValue<string>(out var text) && GoDuration.TryParse(text, out var d) && d > TimeSpan.Zero)
            return d;
        problems.Add($"\"{key}\" must be a positive duration such as \"5s\" or \"1500ms\", not {value?.ToJsonString() ?? "null"}");
        return fallback;
    }

    private static int Whole(string key, JsonNode? value, int min, int max, List<string> problems, int fallback)
    {
        if (value is JsonValue v && v.TryGetValue<double>(out var d) && d == Math.Floor(d) && d >= min && d <= max)
            return (int)d;
        problems.Add($"\"{key}\" must be a whole number from {min} to {max}, not {value?.ToJsonString() ?? "null"}");
        return fallback;
    }

    public string Describe() =>
        $"timeout {GoDuration.Format(Timeout)}, memory {MemoryLimitBytes >> 20} MB, recursion depth {MaxRecursionDepth}, " +
        $"statements {(MaxStatements == 0 ? "unlimited" : MaxStatements.ToString(System.Globalization.CultureInfo.InvariantCulture))}, " +
        $"http timeout {GoDuration.Format(HttpTimeout)}, http response {HttpMaxResponseBytes} bytes";
}
