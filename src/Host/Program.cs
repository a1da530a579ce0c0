using Skupper.Cli.Host;
using Skupper.Cli.Host.Cli;

return await SkupperCli.RunAsync(args, HostEnvironment.FromProcess());
