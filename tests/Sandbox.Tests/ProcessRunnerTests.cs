using Skupper.Cli.TestSupport;

namespace Skupper.Sandbox.Tests;

/// <summary>
/// The isolation every process started by the tests gets (issue 15): private HOME, XDG folders, system hooks
/// folder, Skupper data home and kubectl cache, and none of the machine's proxy, kubeconfig or SKUPPER_ settings.
/// </summary>
public sealed class ProcessRunnerTests : IDisposable
{
    private readonly TestHome _home = new();

    public void Dispose() => _home.Dispose();

    private static Dictionary<string, string> Parse(string envOutput) =>
        envOutput.Split('\0', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);

    [Fact]
    public async Task A_started_process_sees_only_private_folders()
    {
        var r = await ProcessRunner.Run("env", ["-0"], _home);
        r.ExitCode.ShouldBe(0, r.ToString());
        var env = Parse(r.Out);
        foreach (var name in new[] { "HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR",
                     "SKUPPER_SYSTEM_HOOKS_DIR", "SKUPPER_DATA_HOME", "KUBECACHEDIR" })
        {
            env.ShouldContainKey(name);
            (env[name] + "/").ShouldStartWith(_home.Root + "/", customMessage: name);
        }
        Directory.Exists(env["SKUPPER_SYSTEM_HOOKS_DIR"]).ShouldBeFalse("no hooks until a test installs some");
        File.GetUnixFileMode(env["XDG_RUNTIME_DIR"]).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        env.Keys.Where(k => k.StartsWith("XDG_", StringComparison.Ordinal))
            .ShouldAllBe(k => (env[k] + "/").StartsWith(_home.Root + "/", StringComparison.Ordinal));
    }

    [Fact]
    public void The_machine_settings_are_dropped_and_the_test_variables_are_not()
    {
        // The same filter as a run, applied to an environment like a developer's or a CI runner's.
        var environment = new Dictionary<string, string?>
        {
            ["PATH"] = "/usr/bin",
            ["HTTPS_PROXY"] = "http://proxy.corp:3128", ["http_proxy"] = "http://proxy.corp:3128", ["NO_PROXY"] = "corp",
            ["KUBECONFIG"] = "/root/.kube/config", ["KUBERNETES_SERVICE_HOST"] = "10.0.0.1", ["POD_NAMESPACE"] = "prod",
            ["SKUPPER_HOOKS_PATH"] = "/srv/hooks", ["SKUPPER_PLUGIN_PATH"] = "/srv/plugins", ["SKUPPER_PLATFORM"] = "podman",
            ["XDG_DATA_DIRS"] = "/usr/share", ["XDG_STATE_HOME"] = "/root/.local/state",
        };
        ProcessRunner.Isolate(environment, _home);
        environment.Keys.Order().ShouldBe(new[] { "HOME", "KUBECACHEDIR", "PATH", "SKUPPER_DATA_HOME", "SKUPPER_SYSTEM_HOOKS_DIR",
            "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR", "XDG_STATE_HOME" }.Order());
        environment["XDG_STATE_HOME"].ShouldBe(_home.StateHome);
    }

    [Fact]
    public async Task Test_variables_override_and_unset_the_private_ones()
    {
        _home.Variables["SKUPPER_DATA_HOME"] = null;
        _home.Variables["XDG_DATA_HOME"] = "/elsewhere";
        var env = Parse((await ProcessRunner.Run("env", ["-0"], _home)).Out);
        env.ShouldNotContainKey("SKUPPER_DATA_HOME");
        env["XDG_DATA_HOME"].ShouldBe("/elsewhere");
    }
}
