using McMaster.Extensions.CommandLineUtils;
using Skupper.Cli.Host.Cli;
using Skupper.Cli.Host.Services;
using Skupper.Cli.TestSupport;

namespace Skupper.Cli.Host.Tests;

/// <summary>The host's cluster access as a command gets it: the global options parsed from <c>args</c>, the test's private home.</summary>
internal static class CommandClusterAccess
{
    public static ClusterAccess Create(TestHome home, params string[] args)
    {
        var app = new CommandLineApplication();
        var globals = new GlobalOptions(app);
        app.OnExecute(() => 0);
        app.Execute(args);
        var variables = new Dictionary<string, string> { ["HOME"] = home.Home };
        foreach (var (k, v) in home.Variables) if (v is not null) variables[k] = v;
        var env = new HostEnvironment("kubectl-skupper", ProcessRunner.ManagedHostDir, variables, TextWriter.Null, TextWriter.Null,
            false, false);
        return new ClusterAccess(env, globals.Connection);
    }
}
