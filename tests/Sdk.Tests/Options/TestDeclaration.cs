namespace Skupper.Cli.Sdk.Tests.Options;

/// <summary>
/// A command's declarations as the host keeps them, with the command line already "parsed": a test gives each option
/// its values (<see cref="Give"/>) and arguments theirs, then reads the typed handles. It records the help text and
/// arity each declaration asked for, as the host's help and parser would take them.
/// </summary>
internal sealed class TestDeclaration : ICommandDeclaration
{
    private readonly Dictionary<string, List<string?>> _given = new(StringComparer.Ordinal);

    public string InvocationName { get; init; } = "kubectl skupper";
    public string? Details { get; set; }
    public string? WaitsFor { get; set; }
    public string? Examples { get; set; }
    public string? ExtendedHelpText { get; set; }

    /// <summary>Each declaration, by long name (an argument by its name): its help line, arity and completion.</summary>
    public Dictionary<string, (string Description, OptionArity Arity, ValueCompletion? Values, bool Required)> Declared { get; } = new();

    /// <summary>Gives the option (long name, or an argument's name) these values, as the parser would collect them.</summary>
    public TestDeclaration Give(string name, params string?[] values)
    {
        _given[name] = [.. values];
        return this;
    }

    public IArgumentValue Argument(string name, string description, bool multipleValues = false, bool required = false,
        ValueCompletion? values = null)
    {
        Declared[name] = (description, OptionArity.Single, values, required);
        return new Given(name, _given);
    }

    public IOptionValue Option(string template, string description, OptionArity arity, ValueCompletion? values = null)
    {
        var longName = template.Split(' ')[0].Split('|').Single(p => p.StartsWith("--", StringComparison.Ordinal))[2..];
        Declared[longName] = (description, arity, values, false);
        return new Given(longName, _given);
    }

    /// <summary>The long names declared hidden (<see cref="HiddenOption"/>), which the help would not show.</summary>
    public HashSet<string> Hidden { get; } = new(StringComparer.Ordinal);

    public IOptionValue HiddenOption(string template, OptionArity arity)
    {
        var longName = template.Split(' ')[0][2..];
        Declared[longName] = ("", arity, null, false);
        Hidden.Add(longName);
        return new Given(longName, _given);
    }

    private sealed class Given(string name, Dictionary<string, List<string?>> given) : IOptionValue, IArgumentValue
    {
        private List<string?> All => given.GetValueOrDefault(name) ?? [];
        public string LongName => name;
        public string Name => name;
        public bool HasValue() => All.Count > 0;
        public string? Value() => All.Count > 0 ? All[^1] : null;
        IReadOnlyList<string?> IOptionValue.Values() => All;
        IReadOnlyList<string?> IArgumentValue.Values => All;
        string? IArgumentValue.Value => All.Count > 0 ? All[0] : null;
    }
}

/// <summary>An option value as a plugin built against SDK 2.0 could implement it: without <see cref="IOptionValue.Values"/>.</summary>
internal sealed class OldStyleOptionValue(string name, string? value) : IOptionValue
{
    public string LongName => name;
    public bool HasValue() => value is not null;
    public string? Value() => value;
}
