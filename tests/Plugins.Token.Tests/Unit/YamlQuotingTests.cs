using System.Text.Json.Nodes;
using Shouldly;
using Skupper.Cli.Host.Services;
using Skupper.Cli.Sdk.Models;
using Skupper.Cli.Sdk.Services;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Plugins.Token.Tests.Unit;

/// <summary>
/// The token file (kubectl's style, as <c>-o yaml</c> prints) and the files <c>token redeem</c> writes off Kubernetes
/// (the Go CLI's style) quote a string alike, and the token reads back with the string it was given.
/// </summary>
public sealed class YamlQuotingTests : IDisposable
{
    private readonly TestHome _home = new();
    private readonly ConsoleOutput _output = new(new StringWriter(), new StringWriter(), isTerminal: false, outIsTerminal: false);

    public void Dispose() => _home.Dispose();

    private static string Value(string yaml, string key) =>
        yaml.Split('\n').Single(l => l.TrimStart().StartsWith(key + ": ", StringComparison.Ordinal)).Split(": ", 2)[1];

    [Theory]
    [InlineData("Yes", "\"Yes\"")]
    [InlineData("ON", "\"ON\"")]
    [InlineData("Y", "\"Y\"")]
    [InlineData("n", "\"n\"")]
    [InlineData("~", "\"~\"")]
    [InlineData("0x1F", "\"0x1F\"")]
    [InlineData("1e3", "\"1e3\"")]
    [InlineData(".inf", "\".inf\"")]
    [InlineData("secret-code-123", "secret-code-123")]
    public void Token_file_redeemed_files_and_o_yaml_quote_a_code_alike(string code, string expected)
    {
        var grant = new AccessGrantStatus { Url = "https://g:9090/w/g1", Code = code, Ca = TokenFileTests.CaPem() };
        var tokenFile = TokenFile.Render(_output, "g1", grant, 1);
        var printed = _output.Render(new AccessToken { Metadata = { Name = "g1" }, Spec = new AccessTokenSpec { Code = code } }, "yaml");
        var secret = new JsonObject { ["kind"] = "Secret", ["stringData"] = new JsonObject { ["code"] = code } };
        var redeemed = _output.RenderYaml(secret, YamlStyle.GoCli);

        Value(tokenFile, "code").ShouldBe(expected);
        Value(printed, "code").ShouldBe(expected);
        Value(redeemed, "code").ShouldBe(expected);
        var path = Path.Combine(_home.Root, "token.yaml");
        File.WriteAllText(path, tokenFile);
        TokenFile.Read(_output, path).Spec!.Code.ShouldBe(code);
    }
}
