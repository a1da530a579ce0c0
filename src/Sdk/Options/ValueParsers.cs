using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Skupper.Cli.Sdk;

// The rules of single values, as the Go CLI (cobra/pflag) reads them. OptionValues reads the 2.0 raw options through
// these same parsers, so each rule and its wording exist once.

/// <summary>A Go duration greater than zero, and at least a minimum when there is one.</summary>
internal sealed class DurationParser(TimeSpan defaultValue, TimeSpan? minimum, string? defaultText) : ValueParser<TimeSpan>(defaultValue)
{
    public override string? DefaultText => defaultText;

    public override bool TryParse(string? text, out TimeSpan value, [NotNullWhen(false)] out string? rule)
    {
        if (!GoDuration.TryParse(text, out value, out var error))
        {
            rule = error;
            return false;
        }
        rule = minimum switch
        {
            { } min when min > TimeSpan.Zero => value < min ? $"it must be at least {GoDuration.Format(min)}" : null,
            _ => value <= TimeSpan.Zero ? "it must be greater than zero, such as 60s or 5m" : null,
        };
        return rule is null;
    }
}

/// <summary>A whole number within bounds.</summary>
internal sealed class IntegerParser(int defaultValue, int min, int max) : ValueParser<int>(defaultValue)
{
    public override string? DefaultText => Default == 0 ? null : Default.ToString(CultureInfo.InvariantCulture);

    public override bool TryParse(string? text, out int value, [NotNullWhen(false)] out string? rule)
    {
        rule = null;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
            rule = "it must be a whole number";
        else if (value < min || value > max)
            rule = (min, max) switch
            {
                (_, int.MaxValue) => $"it must be at least {min}",
                (int.MinValue, _) => $"it must be at most {max}",
                _ => $"it must be from {min} to {max}",
            };
        return rule is null;
    }
}

/// <summary>A boolean switch that may carry a value, as cobra's are: bare means true, else Go's strconv.ParseBool.</summary>
internal sealed class BooleanParser(bool defaultValue) : ValueParser<bool>(defaultValue)
{
    public override string? DefaultText => Default ? "true" : null;

    public override OptionArity Arity => OptionArity.SingleOrNone;

    public override bool TryParse(string? text, out bool value, [NotNullWhen(false)] out string? rule)
    {
        rule = null;
        switch (text)
        {
            case null or "true" or "True" or "TRUE" or "t" or "T" or "1": value = true; return true;
            case "false" or "False" or "FALSE" or "f" or "F" or "0": value = false; return true;
            default:
                value = false;
                rule = "use true or false";
                return false;
        }
    }
}

/// <summary>A switch without a value: the host refuses one given with a value, so only a bare switch reaches this.</summary>
internal sealed class SwitchParser() : ValueParser<bool>(false)
{
    public override OptionArity Arity => OptionArity.None;

    public override bool TryParse(string? text, out bool value, [NotNullWhen(false)] out string? rule)
    {
        value = true;
        rule = null;
        return true;
    }
}

/// <summary>One of fixed words, which a tab press offers.</summary>
internal sealed class ChoiceParser(IReadOnlyList<string> choices, string? defaultValue) : ValueParser<string?>(defaultValue)
{
    public override string? DefaultText => string.IsNullOrEmpty(Default) ? null : $"\"{Default}\"";

    public override ValueCompletion? Values { get; } = ValueCompletion.OneOf([.. choices]);

    public override bool TryParse(string? text, out string? value, [NotNullWhen(false)] out string? rule)
    {
        value = text ?? "";
        rule = choices.Contains(value, StringComparer.Ordinal) ? null : $"choose {OptionValues.Or(choices)}";
        return rule is null;
    }
}

/// <summary>A Kubernetes object name (a DNS-1123 subdomain), in the API server's words when it is not one.</summary>
internal sealed class KubernetesNameParser(string? defaultValue, ValueCompletion? values) : ValueParser<string?>(defaultValue)
{
    public override string? DefaultText => string.IsNullOrEmpty(Default) ? null : $"\"{Default}\"";

    public override ValueCompletion? Values => values;

    public override bool TryParse(string? text, out string? value, [NotNullWhen(false)] out string? rule)
    {
        value = text ?? "";
        rule = KubernetesNames.CheckSubdomain(value);
        return rule is null;
    }
}

/// <summary>Any text, as it is: the items of a plain slice or repeatable option.</summary>
internal sealed class TextParser(string? defaultValue) : ValueParser<string?>(defaultValue)
{
    public override string? DefaultText => string.IsNullOrEmpty(Default) ? null : $"\"{Default}\"";

    public override bool TryParse(string? text, out string? value, [NotNullWhen(false)] out string? rule)
    {
        value = text ?? "";
        rule = null;
        return true;
    }
}

/// <summary>
/// A file the command reads (a regular file that exists) or creates (its folder exists and takes new files), as its
/// full path; <c>-</c> for standard input or output where the command allows it.
/// </summary>
internal sealed class FileParser(bool create, bool standard) : ValueParser<string?>(null)
{
    public override ValueCompletion? Values => ValueCompletion.FileName;

    public override bool TryParse(string? text, out string? value, [NotNullWhen(false)] out string? rule)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            rule = "it must name a file";
            return false;
        }
        if (standard && text == FileArguments.Standard)
        {
            value = text;
            rule = null;
            return true;
        }
        if (!FileArguments.TryFullPath(text, out var path, out var reason))
        {
            rule = $"it is not a usable path: {reason}";
            return false;
        }
        rule = create ? Creatable(path) : Readable(path);
        value = path;
        return rule is null;
    }

    private static string? Creatable(string path) =>
        FileArguments.CreatableRule(path, out var isDirectory) is not { } rule ? null
        : isDirectory ? $"it {rule}"
        : $"cannot create it: {rule}";

    private static string? Readable(string path)
    {
        if (Directory.Exists(path)) return "it is a directory: give the path of a file";
        if (!File.Exists(path)) return "no such file";
        return RegularFile.Problem(path) is { } problem ? $"it {problem}" : null;
    }
}
