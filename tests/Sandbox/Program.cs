using Skupper.Cli.Sdk;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Skupper.Sandbox;

/// <summary>Process mode: parse flags, start, print the ready line, run until SIGINT/SIGTERM.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var started = Stopwatch.StartNew();
        if (args is ["bench"]) return await Bench.RunAsync();
        SandboxOptions options;
        try
        {
            options = CommandLine.Parse(args);
        }
        catch (CommandLine.UsageException e)
        {
            if (e.Message.Length == 0)
            {
                Console.Out.Write(CommandLine.Help);
                return 0;
            }
            Console.Error.WriteLine($"sandbox: {e.Message}");
            return 2;
        }

        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });

        await using var server = await SandboxServer.StartAsync(options, stop.Token);
        Console.Out.WriteLine($"sandbox ready: {server.Url}");
        Console.Out.Flush();
        if (options.LogRequestsTo != null)
            Console.Error.WriteLine($"sandbox: kubeconfig {server.KubeconfigPath}, started in {started.ElapsedMilliseconds} ms");
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
        return 0;
    }
}

/// <summary>The command-line flags of process mode (documented in README.md).</summary>
public static class CommandLine
{
    public sealed class UsageException(string message) : Exception(message);

    public const string Help = """
        usage: Sandbox --kubeconfig PATH [options]
          --kubeconfig PATH           where to write the kubeconfig (required)
          --port N                    port on 127.0.0.1 (default: a free one)
          --namespaces a,b            namespaces and contexts (default: west,east)
          --token T                   bearer token (default: random)
          --server-name NAME          server certificate SAN; repeatable or a,b (default: 127.0.0.1,localhost)
          --controller on|off         simulated Skupper controller (default: on)
          --controller-namespace NS   run the controller's own Deployment and pod in NS (default: nowhere)
          --delay D                   all controller delays (default: 200ms)
          --site-delay D  --grant-delay D  --token-delay D  --link-delay D
          --resync-period D           retry objects left in Error this often (default: 30s; 0: only on change)
          --fail-redemptions N        the first N redemptions fail transiently before the grant server answers
          --redemption-failure refused|503  how they fail (default: refused)
          --fail-site-reconciles N    the first N site reconciles report Error (retried on resync)
          --no-crds                   serve no skupper.io group (Skupper not installed)
          --latency D                 added latency per request
          --error-rate F              fraction 0..1 of resource requests failed
          --error-code 500|503        status for --error-rate (default: 500)
          --lost-write-rate F         fraction 0..1 of writes applied but answered 504 (timeout)
          --watch-max-events N        close watches after N events
          --watch-max-duration D      close watches after D
          --gone-next-watch           answer the next watch with 410 Gone
          --watch-history N           events kept for watch resumption (default: 1000)
          --bookmark-interval D       BOOKMARK period for watches allowing them (default: 5s)
          --log-requests              print every request to stderr

        """;

    public static SandboxOptions Parse(string[] args)
    {
        var o = new SandboxOptions();
        var faults = new List<Action<FaultSettings>>();
        string? kubeconfig = null;
        var serverNames = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string? inline = null;
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains('='))
            {
                inline = arg[(arg.IndexOf('=') + 1)..];
                arg = arg[..arg.IndexOf('=')];
            }
            string Value() => inline ?? (i + 1 < args.Length ? args[++i] : throw new UsageException($"{arg} needs a value"));
            switch (arg)
            {
                case "-h" or "--help": throw new UsageException("");
                case "--kubeconfig": kubeconfig = Value(); break;
                case "--port": o.Port = Int(arg, Value(), 0, 65535); break;
                case "--namespaces":
                    o.Namespaces = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (o.Namespaces.Count == 0) throw new UsageException("--namespaces needs at least one namespace");
                    break;
                case "--token": o.Token = Value(); break;
                case "--server-name":
                {
                    var names = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (names.Length == 0) throw new UsageException("--server-name needs a host name or IP address, such as proxy.test or 127.0.0.1");
                    foreach (var name in names)
                        if (Uri.CheckHostName(name.StartsWith("*.", StringComparison.Ordinal) ? name[2..] : name) == UriHostNameType.Unknown)
                            throw new UsageException($"--server-name must be a host name or IP address, such as proxy.test or 127.0.0.1, not \"{name}\"");
                    serverNames.AddRange(names);
                    break;
                }
                case "--controller":
                    o.ControllerEnabled = Value() switch
                    {
                        "on" => true,
                        "off" => false,
                        var v => throw new UsageException($"--controller must be on or off, not \"{v}\""),
                    };
                    break;
                case "--controller-namespace": o.ControllerNamespace = Value(); break;
                case "--delay": o.WithDelay(Duration(arg, Value())); break;
                case "--site-delay": o.SiteDelay = Duration(arg, Value()); break;
                case "--grant-delay": o.GrantDelay = Duration(arg, Value()); break;
                case "--token-delay": o.TokenDelay = Duration(arg, Value()); break;
                case "--link-delay": o.LinkDelay = Duration(arg, Value()); break;
                case "--resync-period": o.ResyncPeriod = Duration(arg, Value()); break;
                case "--fail-redemptions": o.FailRedemptions = Int(arg, Value(), 0, int.MaxValue); break;
                case "--redemption-failure":
                    o.RedemptionFailure = Value() switch
                    {
                        "refused" => GrantFailure.ConnectionRefused,
                        "503" => GrantFailure.Unavailable,
                        var v => throw new UsageException($"--redemption-failure must be refused or 503, not \"{v}\""),
                    };
                    break;
                case "--fail-site-reconciles": o.FailSiteReconciles = Int(arg, Value(), 0, int.MaxValue); break;
                case "--no-crds": o.InstallSkupper = false; break;
                case "--latency": { var d = Duration(arg, Value()); faults.Add(f => f.Latency = d); break; }
                case "--error-rate": { var rate = Fraction(arg, Value()); faults.Add(f => f.ErrorRate = rate); break; }
                case "--error-code":
                {
                    var code = Int(arg, Value(), 429, 503);
                    if (code is not (500 or 503 or 429)) throw new UsageException("--error-code must be 500, 503 or 429");
                    faults.Add(f => f.ErrorCode = code);
                    break;
                }
                case "--lost-write-rate": { var rate = Fraction(arg, Value()); faults.Add(f => f.LostWriteRate = rate); break; }
                case "--watch-max-events": { var n = Int(arg, Value(), 0, int.MaxValue); faults.Add(f => f.WatchMaxEvents = n); break; }
                case "--watch-max-duration": { var d = Duration(arg, Value()); faults.Add(f => f.WatchMaxDuration = d); break; }
                case "--gone-next-watch": faults.Add(f => f.GoneOnNextWatch = true); break;
                case "--watch-history": o.WatchHistorySize = Int(arg, Value(), 1, int.MaxValue); break;
                case "--bookmark-interval": o.BookmarkInterval = Duration(arg, Value()); break;
                case "--log-requests": o.LogRequestsTo = Console.Error; break;
                default: throw new UsageException($"unknown flag \"{args[i]}\" (see --help)");
            }
        }
        o.KubeconfigPath = kubeconfig ?? throw new UsageException("--kubeconfig PATH is required");
        if (serverNames.Count > 0) o.ServerNames = serverNames;
        o.Faults = f => faults.ForEach(a => a(f));
        return o;
    }

    private static int Int(string flag, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new UsageException($"{flag} must be a whole number from {min} to {max}, not \"{text}\"");

    private static double Fraction(string flag, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate >= 0 && rate <= 1
            ? rate
            : throw new UsageException($"{flag} must be a number from 0 to 1, not \"{text}\"");

    private static TimeSpan Duration(string flag, string text) =>
        GoDuration.TryParse(text, out var d) && d >= TimeSpan.Zero
            ? d
            : throw new UsageException($"{flag} must be a duration such as 200ms, 1s or 0, not \"{text}\"");
}
