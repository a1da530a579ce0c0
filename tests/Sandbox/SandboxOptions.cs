namespace Skupper.Sandbox;

/// <summary>How to start a sandbox. The defaults suit tests: free port, namespaces west and east, controller on.</summary>
public sealed class SandboxOptions
{
    /// <summary>TCP port on 127.0.0.1 (on [::1] with <see cref="Ipv6"/>); 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>
    /// Listen on [::1] instead, and say https://[::1]:PORT in the kubeconfig: an API server bound to an IPv6
    /// address, as kube-apiserver's --bind-address allows (k8s.io/apiserver/pkg/server/options/serving.go,
    /// SecureServingOptions.BindAddress). Add "::1" to <see cref="ServerNames"/> for its certificate.
    /// </summary>
    public bool Ipv6 { get; set; }

    /// <summary>Namespaces created at start, one kubeconfig context each; the first is current-context.</summary>
    public IReadOnlyList<string> Namespaces { get; set; } = ["west", "east"];

    /// <summary>False acts as a cluster without Skupper: no skupper.io group in discovery, 404 on its paths.</summary>
    public bool InstallSkupper { get; set; } = true;

    /// <summary>Where to write the kubeconfig; null writes it into a temp folder the server owns and deletes.</summary>
    public string? KubeconfigPath { get; set; }

    /// <summary>Subject alternative names of the server certificate (IP addresses become IP SANs, other names DNS
    /// SANs). The sandbox always listens on 127.0.0.1 and its kubeconfig always says https://127.0.0.1:PORT, so
    /// without "127.0.0.1" here clients refuse it unless told the name to verify (kubectl --tls-server-name).</summary>
    public IReadOnlyList<string> ServerNames { get; set; } = ["127.0.0.1", "localhost"];

    /// <summary>Bearer token clients must send; null generates a random one.</summary>
    public string? Token { get; set; }

    /// <summary>
    /// Where the Skupper controller's own Deployment, pod, Role, RoleBinding and grant-server Service are made at start
    /// (created with the namespace when it does not exist); null: nowhere, as in a cluster whose controller the user cannot see.
    /// </summary>
    public string? ControllerNamespace { get; set; }

    /// <summary>Whether the simulated Skupper controller starts enabled.</summary>
    public bool ControllerEnabled { get; set; } = true;

    public TimeSpan SiteDelay { get; set; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan GrantDelay { get; set; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan TokenDelay { get; set; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan LinkDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often the controller retries objects left in Error (<see cref="ControllerSettings.ResyncPeriod"/>).</summary>
    public TimeSpan ResyncPeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The first N redemptions at the grant server fail transiently (<see cref="ControllerSettings.FailRedemptions"/>).</summary>
    public int FailRedemptions { get; set; }

    public GrantFailure RedemptionFailure { get; set; } = GrantFailure.ConnectionRefused;

    /// <summary>The first N site reconciles report Error (<see cref="ControllerSettings.FailSiteReconciles"/>).</summary>
    public int FailSiteReconciles { get; set; }

    /// <summary>Sets all four controller delays.</summary>
    public SandboxOptions WithDelay(TimeSpan delay)
    {
        SiteDelay = GrantDelay = TokenDelay = LinkDelay = delay;
        return this;
    }

    /// <summary>How many past events are kept for watches resuming from a resourceVersion;
    /// a watch from before the oldest kept event gets 410 Gone.</summary>
    public int WatchHistorySize { get; set; } = 1000;

    /// <summary>How often a watch that allows bookmarks gets a BOOKMARK event when idle.</summary>
    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Echo every request to this writer (process mode's --log-requests writes to stderr).</summary>
    public TextWriter? LogRequestsTo { get; set; }

    /// <summary>Faults active from the start; they can also be changed later through <see cref="SandboxServer.Faults"/>.</summary>
    public Action<FaultSettings>? Faults { get; set; }
}
