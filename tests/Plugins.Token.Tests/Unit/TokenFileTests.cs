using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Shouldly;
using Skupper.Cli.Host.Services;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;
using Skupper.Cli.Sdk.Services;
using Skupper.Cli.TestSupport;
using Skupper.Plugins.Token;
using Xunit;

namespace Skupper.Plugins.Token.Tests.Unit;

/// <summary>The token file's reading and checks, without a host process or a cluster: each case is a file and a verdict.</summary>
public sealed class TokenFileTests : IDisposable
{
    private readonly TestHome _home = new();
    private readonly ConsoleOutput _output = new(new StringWriter(), new StringWriter(), isTerminal: false, outIsTerminal: false);

    public void Dispose() => _home.Dispose();

    internal static string CaPem()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=unit-ca", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return ca.ExportCertificatePem();
    }

    private string File(string text)
    {
        var path = Path.Combine(_home.Root, $"token-{Guid.NewGuid():N}.yaml");
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    private string Rendered(string url = "https://grants.example:9090/west/g1", int cost = 1) =>
        TokenFile.Render(_output, "g1", new AccessGrantStatus { Url = url, Code = "secret-code-123", Ca = CaPem() }, cost);

    [Fact]
    public void A_rendered_token_reads_back_with_every_field()
    {
        var token = TokenFile.Read(_output, File(Rendered(cost: 4)));
        token.Metadata.Name.ShouldBe("g1");
        token.Spec!.Url.ShouldBe("https://grants.example:9090/west/g1");
        token.Spec.Code.ShouldBe("secret-code-123");
        token.Spec.LinkCost.ShouldBe(4);
        TokenFile.RedeemProblem(token.Spec).ShouldBeNull();
    }

    [Theory]
    [InlineData("", "is empty: it is not a token file")]
    [InlineData("a: &x [1]\nb: *x\n", "anchor")]
    [InlineData("kind: AccessToken\n---\nkind: AccessToken\n", "more than one YAML document")]
    [InlineData("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n", "AccessToken")]
    public void Files_that_are_not_one_token_are_refused_naming_the_file(string text, string expected)
    {
        var path = File(text);
        var e = Should.Throw<SkupperException>(() => TokenFile.Read(_output, path));
        e.Message.ShouldStartWith($"token file \"{path}\"");
        e.Message.ShouldContain(expected, Case.Insensitive);
    }

    [Fact]
    public void A_directory_a_missing_file_and_an_oversized_one_are_one_sentence_each()
    {
        Should.Throw<SkupperException>(() => TokenFile.Read(_output, _home.Root)).Message.ShouldContain("give the path of a token file");
        Should.Throw<SkupperException>(() => TokenFile.Read(_output, Path.Combine(_home.Root, "none.yaml"))).Message.ShouldEndWith("does not exist");
        var big = File(new string('#', TokenFile.MaxBytes + 1));
        Should.Throw<SkupperException>(() => TokenFile.Read(_output, big)).Message.ShouldEndWith("is larger than 1 MiB: it is not a token file");
    }

    [Theory]
    [InlineData("http://grants.example/west/g1", "cannot be redeemed: token url scheme must be https, not \"http\"")]
    [InlineData("not a url", "has an unusable spec.url \"not a url\": it is not an absolute URL")]
    public void What_the_controller_would_refuse_is_refused_in_its_words(string url, string expected)
    {
        var path = File(Rendered(url));
        Should.Throw<SkupperException>(() => TokenFile.Read(_output, path)).Message.ShouldBe($"token file \"{path}\" {expected}" +
            (url.StartsWith("http:", StringComparison.Ordinal) ? $" ({url})" : ""));
        TokenFile.RedeemProblem(new AccessTokenSpec { Url = "https://g/x", Code = "c", Ca = "not pem" })
            .ShouldBe("token does not have a CA: spec.ca holds no PEM certificate");
    }

    [Fact]
    public async Task Standard_input_with_nothing_on_it_says_the_issuing_side_failed()
    {
        var e = await Should.ThrowAsync<SkupperException>(() => TokenFile.ReadAsync(_output, new MemoryStream("\n \n"u8.ToArray()), default));
        e.Message.ShouldBe("no token on standard input (did the issuing command fail?)");
        var token = await TokenFile.ReadAsync(_output, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Rendered())), default);
        token.Spec!.Code.ShouldBe("secret-code-123");
    }

    private static string Value(string yaml, string key) =>
        yaml.Split('\n').Single(l => l.TrimStart().StartsWith(key + ": ", StringComparison.Ordinal)).Split(": ", 2)[1];

    /// <summary>
    /// The token file (kubectl's style, as <c>-o yaml</c> prints) and the files <c>token redeem</c> writes off Kubernetes
    /// (the Go CLI's style) quote a string alike, and the token reads back with the string it was given.
    /// </summary>
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
        var grant = new AccessGrantStatus { Url = "https://g:9090/w/g1", Code = code, Ca = CaPem() };
        var tokenFile = TokenFile.Render(_output, "g1", grant, 1);
        var printed = _output.Render(new AccessToken { Metadata = { Name = "g1" }, Spec = new AccessTokenSpec { Code = code } }, "yaml");
        var secret = new JsonObject { ["kind"] = "Secret", ["stringData"] = new JsonObject { ["code"] = code } };
        var redeemed = _output.RenderYaml(secret, YamlStyle.GoCli);

        Value(tokenFile, "code").ShouldBe(expected);
        Value(printed, "code").ShouldBe(expected);
        Value(redeemed, "code").ShouldBe(expected);
        TokenFile.Read(_output, File(tokenFile)).Spec!.Code.ShouldBe(code);
    }
}
