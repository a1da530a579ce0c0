using McMaster.Extensions.CommandLineUtils;

namespace Skupper.Cli.Host.Cli;

/// <summary>
/// The options the host owns, the same on every command (kubectl's config flags plus
/// <c>--platform</c>). Declared once on the root and inherited by every subcommand.
/// </summary>
public sealed class GlobalOptions
{
    /// <summary>Options that take a value, so the pre-scan of argv can skip their values.</summary>
    public static readonly IReadOnlySet<string> WithValue = new HashSet<string>(StringComparer.Ordinal)
    {
        "--context", "--kubeconfig", "-n", "--namespace", "--platform",
    };

    private readonly CommandOption _context;
    private readonly CommandOption _kubeconfig;
    private readonly CommandOption _namespace;
    private readonly CommandOption _platform;
    private readonly CommandOption _noHooks;

    public GlobalOptions(CommandLineApplication root)
    {
        _context = root.Option("--context <NAME>", "Set the kubeconfig context.", CommandOptionType.SingleValue, inherited: true);
        _kubeconfig = root.Option("--kubeconfig <FILE>", "Set the path to the kubeconfig file.", CommandOptionType.SingleValue, inherited: true);
        _namespace = root.Option("-n|--namespace <NAME>", "Set the current namespace.", CommandOptionType.SingleValue, inherited: true);
        _platform = root.Option("--platform <PLATFORM>",
            "Set the Skupper platform: kubernetes, docker, podman or linux (default kubernetes; also SKUPPER_PLATFORM).",
            CommandOptionType.SingleValue, inherited: true);
        _noHooks = root.Option("--no-hooks", "Run no JavaScript hooks (see \"hook list\").", CommandOptionType.NoValue, inherited: true);
    }

    public string? Context => _context.Value();
    public string? Kubeconfig => _kubeconfig.Value();
    public string? Namespace => _namespace.Value();
    public string? Platform => _platform.Value();
    public bool NoHooks => _noHooks.HasValue();

    /// <summary>
    /// The words of the command path in argv (e.g. ["token", "issue"]), skipping options and
    /// their values, so the host can tell which plugin to load before parsing anything.
    /// </summary>
    public static IReadOnlyList<string> CommandWords(IReadOnlyList<string> args)
    {
        var words = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a == "--") break;
            if (a.StartsWith('-'))
            {
                if (WithValue.Contains(a)) i++;
                continue;
            }
            words.Add(a);
        }
        return words;
    }
}
