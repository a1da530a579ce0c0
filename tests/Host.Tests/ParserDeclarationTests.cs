using McMaster.Extensions.CommandLineUtils;
using Shouldly;
using Skupper.Cli.Host.Cli;
using Skupper.Cli.Sdk;
using Xunit;

namespace Skupper.Cli.Host.Tests;

/// <summary>How the host's parser gives a plugin the values of its options, by the arity the plugin declared.</summary>
public class ParserDeclarationTests
{
    private readonly CommandLineApplication _command = new() { Name = "show" };
    private readonly ParserDeclaration _declaration;

    public ParserDeclarationTests()
    {
        var declarations = new Declarations();
        var page = declarations.AddPage(_command, [Platform.Kubernetes]);
        _declaration = new ParserDeclaration(_command, "kubectl skupper", page, declarations);
    }

    [Fact]
    public void A_multiple_option_keeps_every_value_in_order_and_its_value_is_the_last()
    {
        var label = _declaration.Option("--label <LABEL>", "A label.", OptionArity.Multiple);
        _command.Parse("--label", "a=b", "--label=c=d", "--label", "e=f");
        label.Values().ShouldBe(["a=b", "c=d", "e=f"]);
        label.Value().ShouldBe("e=f");
        label.HasValue().ShouldBeTrue();
    }

    [Fact]
    public void A_single_option_given_twice_keeps_the_last_value_as_pflag_does()
    {
        var timeout = _declaration.Option("--timeout <DURATION>", "T.", OptionArity.Single);
        _command.Parse("--timeout", "1s", "--timeout", "2s");
        timeout.Value().ShouldBe("2s");
    }

    [Fact]
    public void A_single_option_has_its_one_value_and_a_bare_switch_one_null()
    {
        var timeout = _declaration.Option("--timeout <DURATION>", "T.", OptionArity.Single);
        var wait = _declaration.Option("--wait", "W.", OptionArity.SingleOrNone);
        var absent = _declaration.Option("--force", "F.", OptionArity.None);
        _command.Parse("--timeout", "1s", "--wait");
        timeout.Values().ShouldBe(["1s"]);
        wait.Values().ShouldBe([null]);
        wait.Value().ShouldBeNull();
        absent.Values().ShouldBeEmpty();
    }

    [Fact]
    public void A_typed_repeatable_option_reads_every_value_through_the_host()
    {
        var labels = _declaration.Option("--label <LABEL>", "A label.", Parsers.Labels());
        _command.Parse("--label", "a=b", "--label", "c=d,e=f");
        labels.Get(new Problems()).ShouldBe(new Dictionary<string, string> { ["a"] = "b", ["c"] = "d", ["e"] = "f" });
    }
}
