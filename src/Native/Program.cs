using Skupper.Cli.Host;
using Skupper.Cli.Host.Cli;
using Skupper.Cli.Host.Native;

var env = HostEnvironment.FromProcess();
var plugins = new LinkedPlugins(env,
[
    ("token", new Skupper.Plugins.Token.TokenPlugin()),
    ("site", new Skupper.Plugins.Site.SitePlugin()),
    ("expose", new Skupper.Plugins.Expose.ExposePlugin()),
    ("link", new Skupper.Plugins.Link.LinkPlugin()),
    ("debug", new Skupper.Plugins.Debug.DebugPlugin()),
    ("system", new Skupper.Plugins.System.SystemPlugin()),
]);
if (plugins.ManagedHostRuns(args)) return ManagedHost.Exec(env, args);
return await SkupperCli.RunAsync(args, env, plugins);
