using Shouldly;
using Xunit;

namespace Skupper.Cli.Sdk.Tests.Options;

/// <summary>
/// Every parser of typed options as a plugin meets it: declared once (the help line shows the default), read with
/// <c>Get(problems)</c>; a wrong value is one usage line in the shared wording, and the default is read in its place.
/// </summary>
public class ParserTests
{
    private const string Dns = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', " +
                               "and must start and end with an alphanumeric character (e.g. 'example.com')";

    private const string TooBig = "their keys and values hold 262145 bytes; together they must be at most 262144 bytes (256 KiB)";

    private readonly TestDeclaration _command = new();
    private readonly Problems _problems = new();

    /// <summary>The usage lines gathered, as the user reads them (exit 2 when any).</summary>
    private string[] Lines()
    {
        if (!_problems.Any) return [];
        var e = Should.Throw<SkupperException>(_problems.ThrowIfAny);
        e.ExitCode.ShouldBe(ExitCodes.Usage);
        return e.Message.Split(Environment.NewLine);
    }

    private T Read<T>(OptionParser<T> parser, params string?[] given)
    {
        var option = _command.Option("--x <VALUE>", "X.", parser);
        if (given.Length > 0) _command.Give("x", given);
        return option.Get(_problems);
    }

    private string Help(string name = "x") => _command.Declared[name].Description;

    // Durations

    [Fact]
    public void A_duration_shows_its_default_once_and_reads_it_when_absent()
    {
        Read(Parsers.Duration("90s", minimum: "10s")).ShouldBe(TimeSpan.FromSeconds(90));
        Help().ShouldBe("X. (default 90s)");
        Lines().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("2m", 120)]
    [InlineData("1h30m", 5400)]
    [InlineData("10s", 10)]
    public void A_duration_reads_go_durations(string given, int seconds) =>
        Read(Parsers.Duration("90s", minimum: "10s"), given).ShouldBe(TimeSpan.FromSeconds(seconds));

    [Theory]
    [InlineData("5s", "invalid value \"5s\" for --x: it must be at least 10s")]
    [InlineData("90", "invalid value \"90\" for --x: invalid duration \"90\": missing unit (ns, us, ms, s, m, h)")]
    [InlineData("soon", "invalid value \"soon\" for --x: invalid duration \"soon\": use a number and a unit, such as 90s, 15m, 1h30m " +
                        "or 500ms")]
    public void A_duration_below_its_minimum_or_not_a_duration_is_a_usage_problem_and_the_default_is_read(string given, string line)
    {
        Read(Parsers.Duration("90s", minimum: "10s"), given).ShouldBe(TimeSpan.FromSeconds(90));
        Lines().ShouldBe([line]);
    }

    [Fact]
    public void A_duration_without_a_minimum_must_be_greater_than_zero()
    {
        Read(Parsers.Duration("1m"), "0s").ShouldBe(TimeSpan.FromMinutes(1));
        Lines().ShouldBe(["invalid value \"0s\" for --x: it must be greater than zero, such as 60s or 5m"]);
    }

    [Theory]
    [InlineData("10s", 10, null)]
    [InlineData("9s", 180, "invalid value \"9s\" for --x: it must be at least 10s")]
    [InlineData("0s", 180, "invalid value \"0s\" for --x: it must be at least 10s")]
    public void A_timeout_is_at_least_the_go_cli_minimum_of_10s(string given, int seconds, string? line)
    {
        Read(Parsers.Timeout("3m"), given).ShouldBe(TimeSpan.FromSeconds(seconds));
        Help().ShouldBe("X. (default 3m)");
        Lines().ShouldBe(line is null ? [] : [line]);
        Parsers.MinimumTimeout.ShouldBe(TimeSpan.FromSeconds(10));
    }

    // Hidden aliases: a renamed option's former spelling keeps working

    [Fact]
    public void An_option_with_a_hidden_alias_reads_either_spelling_and_names_the_one_given_when_wrong()
    {
        var type = _command.Option("--type <TYPE>", "T.", Parsers.Choice(["tcp"]), ["--listener-type"]);
        _command.Hidden.ShouldBe(["listener-type"]);
        _command.Declared["type"].Description.ShouldBe("T.");
        type.HasValue().ShouldBeFalse();
        type.Get(_problems).ShouldBeNull();

        _command.Give("listener-type", "tcp");
        (type.HasValue(), type.Get(_problems), type.LongName).ShouldBe((true, "tcp", "listener-type"));
        Lines().ShouldBeEmpty();

        _command.Give("listener-type", "udp");
        type.Get(_problems).ShouldBeNull();
        Lines().ShouldBe(["invalid value \"udp\" for --listener-type: choose tcp"]);
    }

    [Fact]
    public void Given_under_both_spellings_the_shown_one_counts()
    {
        var type = _command.Option("--type <TYPE>", "T.", Parsers.Choice(["tcp", "udp"]), ["--listener-type"]);
        _command.Give("listener-type", "udp").Give("type", "tcp");
        (type.Get(_problems), type.LongName).ShouldBe(("tcp", "type"));
        Lines().ShouldBeEmpty();
    }

    [Fact]
    public void A_duration_given_as_a_timespan_shows_its_default_as_go_prints_it_and_none_for_zero()
    {
        Read(Parsers.Duration(TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(10)), "3s").ShouldBe(TimeSpan.FromSeconds(90));
        Help().ShouldBe("X. (default 1m30s)");
        Lines().ShouldBe(["invalid value \"3s\" for --x: it must be at least 10s"]);
        Parsers.Duration(TimeSpan.Zero).DefaultText.ShouldBeNull();
    }

    [Fact]
    public void A_duration_default_that_is_not_one_is_the_plugins_mistake_found_at_declaration() =>
        Should.Throw<FormatException>(() => Parsers.Duration("90 seconds"));

    // Integers

    [Theory]
    [InlineData("7", 7)]
    [InlineData("1", 1)]
    [InlineData("10", 10)]
    public void A_bounded_integer_reads_whole_numbers_within_its_bounds(string given, int expected) =>
        Read(Parsers.Number(3, min: 1, max: 10), given).ShouldBe(expected);

    [Theory]
    [InlineData("11", "invalid value \"11\" for --x: it must be from 1 to 10")]
    [InlineData("0", "invalid value \"0\" for --x: it must be from 1 to 10")]
    [InlineData("2.5", "invalid value \"2.5\" for --x: it must be a whole number")]
    [InlineData("three", "invalid value \"three\" for --x: it must be a whole number")]
    public void An_integer_out_of_bounds_or_not_whole_is_a_usage_problem(string given, string line)
    {
        Read(Parsers.Number(3, min: 1, max: 10), given).ShouldBe(3);
        Help().ShouldBe("X. (default 3)");
        Lines().ShouldBe([line]);
    }

    [Fact]
    public void An_integer_bounded_on_one_side_says_which()
    {
        Read(Parsers.Number(1, min: 1), "0");
        var other = _command.Option("--y <N>", "Y.", Parsers.Number(0, max: 5));
        _command.Give("y", "6");
        other.Get(_problems);
        Lines().ShouldBe(["invalid value \"0\" for --x: it must be at least 1", "invalid value \"6\" for --y: it must be at most 5"]);
        Help("y").ShouldBe("Y."); // a zero default is not shown, as pflag shows none
    }

    // Choices

    [Fact]
    public void A_choice_offers_its_choices_to_completion_and_shows_its_default_quoted()
    {
        Read(Parsers.Choice(["none", "configured", "ready"], "ready")).ShouldBe("ready");
        Help().ShouldBe("X. (default \"ready\")");
        _command.Declared["x"].Values!.Choices.ShouldBe(["none", "configured", "ready"]);
    }

    [Fact]
    public void A_value_that_is_not_a_choice_names_the_choices()
    {
        Read(Parsers.Choice(["none", "configured", "ready"], "ready"), "done").ShouldBe("ready");
        Lines().ShouldBe(["invalid value \"done\" for --x: choose none, configured or ready"]);
    }

    [Fact]
    public void A_choice_without_a_default_reads_null_when_absent_and_shows_no_default()
    {
        Read(Parsers.Choice(["json", "yaml"])).ShouldBeNull();
        Help().ShouldBe("X.");
    }

    [Fact]
    public void A_default_that_is_not_a_choice_is_the_plugins_mistake() =>
        Should.Throw<ArgumentException>(() => Parsers.Choice(["json", "yaml"], "xml"));

    // Booleans

    [Theory]
    [InlineData(null, true)] // --x
    [InlineData("false", false)] // --x=false
    [InlineData("true", true)]
    [InlineData("0", false)]
    [InlineData("T", true)]
    public void A_boolean_is_a_switch_that_may_carry_a_value_as_cobras_are(string? given, bool expected)
    {
        var option = _command.Option("--x", "X.", Parsers.Boolean());
        _command.Give("x", given);
        option.Get(_problems).ShouldBe(expected);
        _command.Declared["x"].Arity.ShouldBe(OptionArity.SingleOrNone);
        Lines().ShouldBeEmpty();
    }

    [Fact]
    public void A_boolean_shows_a_default_of_true_and_none_of_false()
    {
        var on = _command.Option("--wait", "Wait.", Parsers.Boolean(true));
        _command.Option("--force", "Force.", Parsers.Boolean());
        on.Get(_problems).ShouldBeTrue();
        Help("wait").ShouldBe("Wait. (default true)");
        Help("force").ShouldBe("Force.");
    }

    [Fact]
    public void A_boolean_value_go_would_not_read_is_a_usage_problem()
    {
        var option = _command.Option("--wait", "Wait.", Parsers.Boolean(true));
        _command.Give("wait", "maybe");
        option.Get(_problems).ShouldBeTrue();
        Lines().ShouldBe(["invalid value \"maybe\" for --wait: use true or false"]);
    }

    // Kubernetes names

    [Fact]
    public void A_kubernetes_name_is_checked_with_the_api_servers_rule()
    {
        Read(Parsers.KubernetesName(), "west-1.example").ShouldBe("west-1.example");
        Read(Parsers.KubernetesName("fallback"), "West_1").ShouldBe("fallback");
        Lines().ShouldBe([$"invalid value \"West_1\" for --x: \"West_1\" is not a valid name: {Dns}"]);
    }

    // Slices and repeats

    [Fact]
    public void A_slice_splits_each_value_at_commas_and_joins_the_repeats_as_pflag_does()
    {
        Read(Parsers.Slice(), "a,b", "c").ShouldBe(["a", "b", "c"]);
        _command.Declared["x"].Arity.ShouldBe(OptionArity.Multiple);
    }

    [Theory]
    [InlineData("\"a,b\",c", new[] { "a,b", "c" })] // quotes keep a comma
    [InlineData("\"say \"\"hi\"\"\",x", new[] { "say \"hi\"", "x" })] // "" is a quote inside quotes
    [InlineData("a,,b", new[] { "a", "", "b" })]
    [InlineData(" a, b", new[] { " a", " b" })] // no trimming, as encoding/csv
    [InlineData("", new string[0])] // an empty value is no items (readAsCSV)
    [InlineData("a,b\nc", new[] { "a", "b" })] // one record only
    public void A_slice_reads_each_value_as_one_csv_record(string given, string[] expected) =>
        Read(Parsers.Slice(), given).ShouldBe(expected);

    [Theory]
    [InlineData("a\"b", "invalid value \"a\"b\" for --x: it is not a comma-separated list: bare \" in non-quoted field")]
    [InlineData("\"a,b", "invalid value \"\"a,b\" for --x: it is not a comma-separated list: extraneous or missing \" in quoted-field")]
    [InlineData("\"a\"b", "invalid value \"\"a\"b\" for --x: it is not a comma-separated list: extraneous or missing \" in quoted-field")]
    public void A_slice_value_that_csv_cannot_read_is_a_usage_problem(string given, string line)
    {
        Read(Parsers.Slice(), given).ShouldBeEmpty();
        Lines().ShouldBe([line]);
    }

    [Fact]
    public void A_slice_checks_each_item_and_reports_every_bad_one()
    {
        Read(Parsers.Slice(Parsers.KubernetesName(), ["west"]), "east,Bad", "x_y").ShouldBe(["west"]);
        Lines().Length.ShouldBe(2);
        Lines()[0].ShouldStartWith("invalid value \"Bad\" for --x: \"Bad\" is not a valid name");
        Lines()[1].ShouldStartWith("invalid value \"x_y\" for --x: \"x_y\" is not a valid name");
    }

    [Fact]
    public void A_slice_shows_a_default_that_is_not_empty_and_what_is_given_replaces_it()
    {
        Read(Parsers.Slice(Parsers.Choice(["json", "yaml", "name"]), ["json", "yaml"]), "name").ShouldBe(["name"]);
        Help().ShouldBe("X. (default [json,yaml])");
        _command.Declared["x"].Values!.Choices.ShouldBe(["json", "yaml", "name"]);
        Parsers.Slice().DefaultText.ShouldBeNull();
        Parsers.Slice(defaultValue: ["a,b", "c"]).DefaultText.ShouldBe("[\"a,b\",c]");
    }

    [Fact]
    public void A_slice_of_numbers_or_durations_reads_each_item()
    {
        Read(Parsers.Slice(Parsers.Number(0, min: 1, max: 9)), "1,2", "3").ShouldBe([1, 2, 3]);
        Parsers.Slice(Parsers.Duration("1s"), [TimeSpan.FromSeconds(90)]).DefaultText.ShouldBe("[1m30s]");
        var other = _command.Option("--y <N>", "Y.", Parsers.Slice(Parsers.Number(0, min: 1, max: 9)));
        _command.Give("y", "4,10");
        other.Get(_problems).ShouldBeEmpty();
        Lines().ShouldBe(["invalid value \"10\" for --y: it must be from 1 to 9"]);
    }

    [Fact]
    public void A_repeatable_option_keeps_each_value_whole()
    {
        Read(Parsers.Repeatable(), "a,b", "c").ShouldBe(["a,b", "c"]);
        _command.Declared["x"].Arity.ShouldBe(OptionArity.Multiple);
        var numbers = _command.Option("--n <N>", "N.", Parsers.Repeatable(Parsers.Number(0, min: 1)));
        _command.Give("n", "2", "5");
        numbers.Get(_problems).ShouldBe([2, 5]);
    }

    // Labels

    [Fact]
    public void Labels_repeat_and_take_several_pairs_to_a_value_as_pflag_string_to_string()
    {
        Read(Parsers.Labels(), "app=backend", "tier=db,env=prod", "example.com/team=a.b_c-d").ShouldBe(new Dictionary<string, string>
        {
            ["app"] = "backend", ["tier"] = "db", ["env"] = "prod", ["example.com/team"] = "a.b_c-d",
        });
        _command.Declared["x"].Arity.ShouldBe(OptionArity.Multiple);
        Help().ShouldBe("X.");
        Lines().ShouldBeEmpty();
    }

    [Fact]
    public void A_later_label_wins_and_an_empty_value_is_a_label_value()
    {
        Read(Parsers.Labels(), "app=one", "app=two", "flag=").ShouldBe(new Dictionary<string, string> { ["app"] = "two", ["flag"] = "" });
        Read(Parsers.Labels(), "\"quoted=x\"").ShouldBe(new Dictionary<string, string> { ["quoted"] = "x" }); // one '=': quotes trimmed
    }

    [Fact]
    public void Labels_absent_are_empty() => Read(Parsers.Labels()).ShouldBeEmpty();

    [Fact]
    public void Bad_label_keys_and_values_are_refused_in_the_api_servers_words_each_on_its_line()
    {
        var labels = Read(Parsers.Labels(), "app", "bad key=x", "Example.com/app=x", "a/b/c=x", "env=prod,tier=a b",
            $"long={new string('v', 64)}", $"{new string('k', 64)}=x");
        labels.ShouldBeEmpty();
        Lines().ShouldBe([
            "invalid value \"app\" for --x: it must be formatted as key=value, such as app=backend",
            "invalid value \"bad key=x\" for --x: key \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', " +
            "and must start and end with an alphanumeric character (e.g. 'MyName', or 'my.name', or '123-abc')",
            $"invalid value \"Example.com/app=x\" for --x: key \"Example.com/app\": prefix part {Dns}",
            "invalid value \"a/b/c=x\" for --x: key \"a/b/c\": a qualified name must consist of alphanumeric characters, " +
            "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName', or 'my.name', or '123-abc'), " +
            "with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
            "invalid value \"tier=a b\" for --x: value \"a b\": a valid label must be an empty string or consist of " +
            "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
            "(e.g. 'MyValue', or 'my_value', or '12345')",
            $"invalid value \"long={new string('v', 64)}\" for --x: value \"{new string('v', 64)}\": must be no more than 63 bytes",
            $"invalid value \"{new string('k', 64)}=x\" for --x: key \"{new string('k', 64)}\": name part must be no more than 63 bytes",
        ]);
    }

    // Annotations

    [Fact]
    public void An_annotation_is_one_pair_to_a_value_whose_text_is_free()
    {
        var annotations = Read(Parsers.Annotations(), "note=hello, world=yes", "MyCompany.io/Owner=Ops Team", "empty=");
        annotations.ShouldBe(new Dictionary<string, string>
        {
            ["note"] = "hello, world=yes", ["MyCompany.io/Owner"] = "Ops Team", ["empty"] = "",
        });
        _command.Declared["x"].Arity.ShouldBe(OptionArity.Multiple);
        Lines().ShouldBeEmpty();
    }

    [Fact]
    public void A_bad_annotation_key_is_refused()
    {
        Read(Parsers.Annotations(), "a/b/c=x", "noequals").ShouldBeEmpty();
        Lines().Length.ShouldBe(2);
        Lines()[0].ShouldStartWith("invalid value \"a/b/c=x\" for --x: key \"a/b/c\": a qualified name must consist of");
        Lines()[1].ShouldBe("invalid value \"noequals\" for --x: it must be formatted as key=value, such as app=backend");
    }

    [Fact]
    public void Annotations_may_hold_256_KiB_of_keys_and_values_together_and_not_a_byte_more()
    {
        var atLimit = Parsers.Annotations();
        var value = new string('v', KubernetesNames.TotalAnnotationSizeLimitBytes - 2);
        Read(atLimit, $"a={value[..^1]}", "b=x").Count.ShouldBe(2); // 1 + 262141 + 1 + 1 = 262144 bytes
        Lines().ShouldBeEmpty();

        var over = _command.Option("--y <ANNOTATION>", "Y.", Parsers.Annotations());
        _command.Give("y", $"a={value[..^1]}", "b=xy"); // one byte more
        over.Get(_problems).ShouldBeEmpty();
        Lines().ShouldBe([$"invalid values for --y: {TooBig}"]);
    }

    [Fact]
    public void The_annotation_size_counts_utf8_bytes_as_go_does()
    {
        // 'é' is two bytes: 131072 of them are 262144 bytes, plus the key's one byte is over.
        Read(Parsers.Annotations(), $"k={new string('é', 131072)}").ShouldBeEmpty();
        Lines().ShouldBe([$"invalid values for --x: {TooBig}"]);
    }

    // Files

    [Fact]
    public void An_input_file_must_exist_and_be_a_regular_file()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "in.yaml");
        File.WriteAllText(file, "x");
        var fifo = Path.Combine(dir.Path, "pipe");
        MakeFifo(fifo);
        Read(Parsers.InputFile(), file).ShouldBe(file);
        _command.Declared["x"].Values.ShouldBe(ValueCompletion.FileName);
        foreach (var (given, rule) in new[]
                 {
                     (Path.Combine(dir.Path, "missing.yaml"), "no such file"),
                     (dir.Path, "it is a directory: give the path of a file"),
                     (fifo, "it is a FIFO (named pipe), not a regular file"),
                     ("", "it must name a file"),
                 })
        {
            var problems = new Problems();
            var option = new TestDeclaration();
            var typed = option.Option("--from <FILE>", "From.", Parsers.InputFile());
            option.Give("from", given);
            typed.Get(problems).ShouldBeNull();
            Should.Throw<SkupperException>(problems.ThrowIfAny).Message.ShouldBe($"invalid value \"{given}\" for --from: {rule}");
        }
    }

    [Fact]
    public void A_relative_file_is_read_as_its_full_path_and_dash_is_standard_input_only_where_allowed()
    {
        var cwd = Environment.CurrentDirectory;
        Read(Parsers.InputFile(standardInput: true), "-").ShouldBe("-");
        Read(Parsers.OutputFile(standardOutput: true), "-").ShouldBe("-");
        Read(Parsers.OutputFile(), "out.yaml").ShouldBe(Path.Combine(cwd, "out.yaml"));
        Read(Parsers.InputFile(), "-").ShouldBeNull();
        Lines().ShouldBe(["invalid value \"-\" for --x: no such file"]);
    }

    [Fact]
    public void An_output_file_needs_a_folder_that_exists_and_is_not_itself_a_folder()
    {
        using var dir = new TempDir();
        Read(Parsers.OutputFile(), Path.Combine(dir.Path, "new.yaml")).ShouldBe(Path.Combine(dir.Path, "new.yaml"));
        Read(Parsers.OutputFile(), Path.Combine(dir.Path, "missing", "new.yaml")).ShouldBeNull();
        Read(Parsers.OutputFile(), dir.Path).ShouldBeNull();
        Lines().ShouldBe([
            $"invalid value \"{dir.Path}/missing/new.yaml\" for --x: cannot create it: folder \"{dir.Path}/missing\" does not exist",
            $"invalid value \"{dir.Path}\" for --x: it is a directory: give the path of a file to create",
        ]);
        Directory.GetFileSystemEntries(dir.Path).ShouldBeEmpty(); // the probe leaves nothing
    }

    [Fact]
    public void The_file_checks_the_20_helpers_word_are_unchanged()
    {
        using var dir = new TempDir();
        var problems = new Problems();
        FileArguments.CheckCreatable(dir.Path, "token file", problems);
        FileArguments.CheckCreatable(Path.Combine(dir.Path, "no", "t.yaml"), "token file", problems);
        Should.Throw<SkupperException>(problems.ThrowIfAny).Message.Split(Environment.NewLine).ShouldBe([
            $"token file \"{dir.Path}\" is a directory: give the path of a file to create",
            $"cannot create token file \"{dir.Path}/no/t.yaml\": folder \"{dir.Path}/no\" does not exist",
        ]);
    }

    // What every typed option shares

    [Fact]
    public void Every_wrong_option_of_an_invocation_is_reported_together_and_each_reads_its_default()
    {
        var timeout = _command.Option("--timeout <DURATION>", "T.", Parsers.Duration("60s"));
        var count = _command.Option("--count <N>", "C.", Parsers.Number(1, min: 1, max: 5));
        var wait = _command.Option("--wait <STATUS>", "W.", Parsers.Choice(["none", "ready"], "ready"));
        _command.Give("timeout", "-1s").Give("count", "9").Give("wait", "soon");
        (timeout.Get(_problems), count.Get(_problems), wait.Get(_problems)).ShouldBe((TimeSpan.FromSeconds(60), 1, "ready"));
        Lines().ShouldBe([
            "invalid value \"-1s\" for --timeout: it must be greater than zero, such as 60s or 5m",
            "invalid value \"9\" for --count: it must be from 1 to 5",
            "invalid value \"soon\" for --wait: choose none or ready",
        ]);
    }

    [Fact]
    public void A_typed_option_is_its_raw_value_too()
    {
        var option = _command.Option("--kind <KIND>", "K.", Parsers.Choice(["a", "b"]));
        option.HasValue().ShouldBeFalse();
        _command.Give("kind", "b");
        option.HasValue().ShouldBeTrue();
        option.Value().ShouldBe("b");
        option.LongName.ShouldBe("kind");
        option.KubernetesOnly(Platform.Podman, _problems);
        Lines().ShouldBe(["--kind is supported on Kubernetes only, not on platform \"podman\""]);
    }

    [Fact]
    public void An_option_value_written_for_sdk_20_gives_its_one_value_to_every_reader()
    {
        IOptionValue old = new OldStyleOptionValue("timeout", "2m");
        old.Values().ShouldBe(["2m"]);
        old.Duration(TimeSpan.FromSeconds(1), _problems).ShouldBe(TimeSpan.FromMinutes(2));
        ((IOptionValue)new OldStyleOptionValue("timeout", null)).Values().ShouldBeEmpty();
    }

    // Arguments

    [Fact]
    public void A_required_argument_that_is_missing_is_one_usage_line_naming_it()
    {
        var name = _command.Argument("name", "The name of the backup.", Parsers.KubernetesName(), required: true);
        name.Get(_problems).ShouldBeNull();
        name.IsRequired.ShouldBeTrue();
        _command.Declared["name"].Required.ShouldBeTrue();
        Lines().ShouldBe(["the argument <name> is required: the name of the backup"]);
    }

    [Fact]
    public void An_argument_is_checked_by_its_parser()
    {
        var name = _command.Argument("name", "The name of the backup.", Parsers.KubernetesName(), required: true);
        _command.Give("name", "Nightly");
        name.Get(_problems).ShouldBeNull();
        Lines().ShouldBe([$"invalid value \"Nightly\" for name: \"Nightly\" is not a valid name: {Dns}"]);
        _command.Give("name", "nightly");
        name.Get(new Problems()).ShouldBe("nightly");
    }

    [Fact]
    public void An_optional_argument_reads_its_default_when_absent_and_the_help_shows_it()
    {
        var port = _command.Argument("port", "The port.", Parsers.Number(8080, min: 1, max: 65535));
        port.Get(_problems).ShouldBe(8080);
        Help("port").ShouldBe("The port. (default 8080)");
        _command.Give("port", "70000");
        port.Get(_problems).ShouldBe(8080);
        Lines().ShouldBe(["invalid value \"70000\" for port: it must be from 1 to 65535"]);
    }

    private static void MakeFifo(string path)
    {
        using var p = System.Diagnostics.Process.Start("mkfifo", [path])!;
        p.WaitForExit();
        p.ExitCode.ShouldBe(0);
    }

    private sealed class TempDir : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("sdk-options-").FullName;
        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
