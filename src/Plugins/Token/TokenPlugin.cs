using Skupper.Cli.Sdk;

namespace Skupper.Plugins.Token;

/// <summary>The <c>token</c> command group: issue and redeem access tokens.</summary>
public sealed class TokenPlugin : ISkupperPlugin
{
    public void Register(ICommandRegistrar registrar)
    {
        var group = registrar.Group("token", "Manage access tokens: issue a token file, redeem one to link sites.");
        registrar.Add(group, new TokenIssueCommand(registrar.InvocationName));
        registrar.Add(group, new TokenRedeemCommand(registrar.InvocationName));
    }
}
