using McMaster.Extensions.CommandLineUtils;
using Skupper.Cli.Host.Services.Connection;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Cli;

/// <summary>
/// The options the host owns, the same on every command: kubectl's config flags (with kubectl's
/// names and help), the Skupper CLI's <c>-c</c>/<c>-p</c> short forms, <c>--platform</c> and
/// <c>--no-hooks</c>. Declared once on the root and inherited by every subcommand.
/// </summary>
public sealed class GlobalOptions
{
    /// <summary>Options that take a value, so the pre-scan of argv can skip their values.</summary>
    public static readonly IReadOnlySet<string> WithValue = new HashSet<string>(StringComparer.Ordinal)
    {
        "--context", "-c", "--kubeconfig", "-n", "--namespace", "--platform", "-p", "--cluster", "--user", "-s", "--server",
        "--token", "--as", "--as-group", "--as-uid", "--certificate-authority", "--client-certificate", "--client-key",
        "--tls-server-name", "--request-timeout", "-v", "--v",
    };

    private readonly CommandOption _context;
    private readonly CommandOption _kubeconfig;
    private readonly CommandOption _namespace;
    private readonly CommandOption _platform;
    private readonly CommandOption _noHooks;
    private readonly CommandOption _cluster;
    private readonly CommandOption _user;
    private readonly CommandOption _server;
    private readonly CommandOption _token;
    private readonly CommandOption _as;
    private readonly CommandOption _asGroup;
    private readonly CommandOption _asUid;
    private readonly CommandOption _certificateAuthority;
    private readonly CommandOption _clientCertificate;
    private readonly CommandOption _clientKey;
    private readonly CommandOption _tlsServerName;
    private readonly CommandOption _insecure;
    private readonly CommandOption _requestTimeout;
    private readonly CommandOption _verbosity;

    public GlobalOptions(CommandLineApplication root)
    {
        CommandOption Add(string template, string help, CommandOptionType type = CommandOptionType.SingleValue) =>
            root.Option(template, help, type, inherited: true);

        _context = Add("-c|--context <NAME>", "The name of the kubeconfig context to use.");
        _kubeconfig = Add("--kubeconfig <FILE>", "Path to the kubeconfig file to use for CLI requests.");
        _namespace = Add("-n|--namespace <NAME>", "If present, the namespace scope for this CLI request.");
        _platform = Add("-p|--platform <PLATFORM>",
            "The Skupper platform: kubernetes, docker, podman or linux (default kubernetes; also SKUPPER_PLATFORM).");
        _noHooks = Add("--no-hooks", "Run no JavaScript hooks (see \"hook list\").", CommandOptionType.NoValue);
        _cluster = Add("--cluster <NAME>", "The name of the kubeconfig cluster to use.");
        _user = Add("--user <NAME>", "The name of the kubeconfig user to use.");
        _server = Add("-s|--server <URL>", "The address and port of the Kubernetes API server.");
        _token = Add("--token <TOKEN>", "Bearer token for authentication to the API server.");
        _as = Add("--as <USER>",
            "Username to impersonate for the operation. User could be a regular user or a service account in a namespace.");
        _asGroup = Add("--as-group <GROUP>", "Group to impersonate for the operation; repeat for several groups.",
            CommandOptionType.MultipleValue);
        _asUid = Add("--as-uid <UID>", "UID to impersonate for the operation.");
        _certificateAuthority = Add("--certificate-authority <FILE>", "Path to a cert file for the certificate authority.");
        _clientCertificate = Add("--client-certificate <FILE>", "Path to a client certificate file for TLS.");
        _clientKey = Add("--client-key <FILE>", "Path to a client key file for TLS.");
        _tlsServerName = Add("--tls-server-name <NAME>",
            "Server name to use for server certificate validation. " +
            "If it is not provided, the hostname used to contact the server is used.");
        _insecure = Add("--insecure-skip-tls-verify",
            "If true, the server's certificate will not be checked for validity. This will make your HTTPS connections insecure.",
            CommandOptionType.SingleOrNoValue);
        _requestTimeout = Add("--request-timeout <DURATION>",
            "The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding " +
            "time unit (e.g. 1s, 2m, 3h). A value of zero means don't timeout requests. (default \"0\")");
        _verbosity = Add("-v|--v <LEVEL>",
            "Number for the log level verbosity: 6 prints one line per API request, 7 adds its headers, 8 the bodies, " +
            "9 curl commands (credentials, codes and Secret data masked).");
    }

    public string? Context => _context.Value();
    public string? Kubeconfig => _kubeconfig.Value();
    public string? Namespace => _namespace.Value();
    public string? Platform => _platform.Value();
    public bool NoHooks => _noHooks.HasValue();

    /// <summary>True when any flag about the Kubernetes connection was given (ignored off Kubernetes, with a warning).</summary>
    public bool AnyConnectionFlag =>
        new[] { _context, _kubeconfig, _cluster, _user, _server, _token, _as, _asGroup, _asUid, _certificateAuthority,
            _clientCertificate, _clientKey, _tlsServerName, _insecure, _requestTimeout }.Any(o => o.HasValue());

    /// <summary>The connection flags, checked for shape (the connection layer gives them meaning).</summary>
    public ConnectionFlags Connection => new()
    {
        Kubeconfig = Kubeconfig,
        Context = Context,
        Cluster = _cluster.Value(),
        User = _user.Value(),
        Namespace = Namespace,
        Server = _server.Value(),
        Token = _token.Value(),
        As = _as.Value(),
        AsGroups = _asGroup.Values.OfType<string>().ToList(),
        AsUid = _asUid.Value(),
        CertificateAuthority = _certificateAuthority.Value(),
        ClientCertificate = _clientCertificate.Value(),
        ClientKey = _clientKey.Value(),
        TlsServerName = _tlsServerName.Value(),
        InsecureSkipTlsVerify = _insecure.HasValue() && (_insecure.Value() ?? "true") switch
        {
            "true" or "True" or "TRUE" or "t" or "T" or "1" or "" => true,
            "false" or "False" or "FALSE" or "f" or "F" or "0" => false,
            var other => throw SkupperException.Usage($"invalid value \"{other}\" for --insecure-skip-tls-verify: use true or false"),
        },
        RequestTimeout = _requestTimeout.Value(),
        Verbosity = _verbosity.Value() is { } v
            ? int.TryParse(v, out var level) && level >= 0
                ? level
                : throw SkupperException.Usage($"invalid value \"{v}\" for -v: use a whole number such as 6")
            : 0,
    };

    /// <summary>
    /// Only the global options of argv, before the command tree exists (other words are ignored).
    /// Throws <see cref="CommandParsingException"/> or <see cref="SkupperException"/> for what a
    /// real parse would refuse.
    /// </summary>
    public static GlobalOptions Parse(IReadOnlyList<string> args)
    {
        var scan = new CommandLineApplication(NullConsole.Singleton) { ThrowOnUnexpectedArgument = false };
        var globals = new GlobalOptions(scan);
        scan.Parse(OnlyGlobal(args));
        return globals;
    }

    /// <summary>
    /// The global options of argv and their values, wherever they stand (<c>token issue f -n west</c>):
    /// the scan stops at the first word it does not know, so command words and the commands' own
    /// options are left out first.
    /// </summary>
    private static string[] OnlyGlobal(IReadOnlyList<string> args)
    {
        var kept = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var word = args[i];
            if (word == "--") break;
            if (!word.StartsWith('-')) continue;
            var name = word.Split('=', 2)[0];
            if (WithValue.Contains(name))
            {
                kept.Add(word);
                if (!word.Contains('=') && i + 1 < args.Count) kept.Add(args[++i]);
            }
            else if (name is "--no-hooks" or "--insecure-skip-tls-verify")
            {
                kept.Add(word);
            }
        }
        return kept.ToArray();
    }

    /// <summary>The connection flags of argv for a completion, which never fails: unreadable flags count as absent.</summary>
    public static ConnectionFlags ConnectionOf(IReadOnlyList<string> args)
    {
        try { return Parse(args).Connection; }
        catch (Exception e) when (e is CommandParsingException or SkupperException) { return new ConnectionFlags(); }
    }

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
