using Skupper.Cli.Sdk;
using Skupper.Plugins.Token.Issue;
using Skupper.Plugins.Token.Redeem;
using Skupper.Plugins.Token.Revoke;
using Skupper.Plugins.Token.Status;

namespace Skupper.Plugins.Token;

/// <summary>The <c>token</c> command group: issue and redeem access tokens, see what is outstanding, revoke one.</summary>
public sealed class TokenPlugin : ISkupperPlugin
{
    public void Register(ICommandRegistrar registrar)
    {
        var group = registrar.Group("token", "Manage access tokens: issue a token file, redeem one to link sites, check or revoke them.");
        registrar.Add(group, new TokenIssueCommand());
        registrar.Add(group, new TokenRedeemCommand());
        registrar.Add(group, new TokenStatusCommand());
        registrar.Add(group, new TokenRevokeCommand());
    }
}
