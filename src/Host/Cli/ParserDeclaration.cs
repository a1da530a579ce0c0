using McMaster.Extensions.CommandLineUtils;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Cli;

/// <summary>A command's SDK declarations mapped onto McMaster, which stays inside the host.</summary>
internal sealed class ParserDeclaration(CommandLineApplication command, string invocationName, CommandPage page, Declarations declarations)
    : ICommandDeclaration
{
    public string InvocationName => invocationName;

    public string? Details { get => page.Details; set => page.Details = value; }
    public string? WaitsFor { get => page.WaitsFor; set => page.WaitsFor = value; }
    public string? Examples { get => page.Examples; set => page.Examples = value; }

    public string? ExtendedHelpText
    {
        get => command.ExtendedHelpText;
        set => command.ExtendedHelpText = value;
    }

    public IArgumentValue Argument(string name, string description, bool multipleValues = false, bool required = false,
        ValueCompletion? values = null)
    {
        var argument = command.Argument(name, description, multipleValues);
        if (required) page.Required.Add(argument);
        declarations.Complete(argument, values);
        return new ArgumentValue(argument);
    }

    public IOptionValue Option(string template, string description, OptionArity arity, ValueCompletion? values = null)
    {
        var option = Declare(template, description, arity);
        declarations.Complete(option, values);
        return new OptionValue(option);
    }

    // Hidden as cobra's MarkHidden hides a flag: help, suggestions and completion list only options shown in the help.
    public IOptionValue HiddenOption(string template, OptionArity arity)
    {
        var option = Declare(template, "", arity);
        option.ShowInHelpText = false;
        return new OptionValue(option);
    }

    private CommandOption Declare(string template, string description, OptionArity arity) =>
        command.Option(template, description, arity switch
        {
            OptionArity.None => CommandOptionType.NoValue,
            // Given twice, the last value counts, as pflag's Set overwrites a string flag (spf13/pflag string.go);
            // McMaster's SingleValue would refuse the second in its own words ("Unexpected value '40s' for option ...").
            OptionArity.Single => CommandOptionType.MultipleValue,
            OptionArity.SingleOrNone => CommandOptionType.SingleOrNoValue,
            OptionArity.Multiple => CommandOptionType.MultipleValue,
            _ => throw new ArgumentOutOfRangeException(nameof(arity), arity, "not an OptionArity"),
        });

    private sealed class OptionValue(CommandOption option) : IOptionValue
    {
        public string LongName => option.LongName ?? option.ShortName ?? "";
        public bool HasValue() => option.HasValue();

        // McMaster's Value() is the first of several; the SDK promises the last, as pflag keeps it.
        public string? Value() => option.Values.Count > 0 ? option.Values[^1] : null;

        public IReadOnlyList<string?> Values() => option.Values;
    }

    private sealed class ArgumentValue(CommandArgument argument) : IArgumentValue
    {
        public string Name => argument.Name ?? "";
        public IReadOnlyList<string?> Values => argument.Values;
        public string? Value => argument.Value;
    }
}
