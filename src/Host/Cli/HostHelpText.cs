using McMaster.Extensions.CommandLineUtils;
using McMaster.Extensions.CommandLineUtils.HelpText;

namespace Skupper.Cli.Host.Cli;

/// <summary>
/// Every command's help, laid out by the host so that all plugins read alike and as the Skupper
/// command reference does (shared/reference/cli/*.yaml): description and details, then
/// <c>Platforms:</c> and <c>Waits for:</c>, the usage line naming required arguments
/// (<c>&lt;file&gt;</c>) and optional ones (<c>[name]</c>), arguments, options, examples, notes.
/// Hints give the whole invocation (<c>kubectl skupper token [command] --help</c>), as cobra's do.
/// </summary>
public sealed class HostHelpText(Declarations declarations) : DefaultHelpTextGenerator
{
    protected override void GenerateHeader(CommandLineApplication application, TextWriter output)
    {
        if (!string.IsNullOrEmpty(application.Description))
        {
            output.WriteLine(application.Description);
            output.WriteLine();
        }
        if (declarations.PageOf(application) is not { } page) return;
        if (!string.IsNullOrWhiteSpace(page.Details))
        {
            output.WriteLine(page.Details.Trim('\n'));
            output.WriteLine();
        }
        output.WriteLine($"Platforms: {string.Join(", ", page.Platforms)}");
        output.WriteLine($"Waits for: {page.WaitsFor ?? "nothing (it returns at once)"}");
        output.WriteLine();
    }

    protected override void GenerateUsage(CommandLineApplication application, TextWriter output,
        IReadOnlyList<CommandArgument> visibleArguments, IReadOnlyList<CommandOption> visibleOptions,
        IReadOnlyList<CommandLineApplication> visibleCommands)
    {
        var page = declarations.PageOf(application);
        output.Write($"Usage: {FullName(application)}");
        foreach (var argument in visibleArguments)
            output.Write(page?.Required.Contains(argument) == true ? $" <{argument.Name}>" : $" [{argument.Name}]");
        if (visibleOptions.Count > 0) output.Write(" [options]");
        if (visibleCommands.Count > 0) output.Write(" [command]");
        output.WriteLine();
    }

    protected override void GenerateCommands(CommandLineApplication application, TextWriter output,
        IReadOnlyList<CommandLineApplication> visibleCommands, int firstColumnWidth)
    {
        if (visibleCommands.Count == 0) return;
        output.WriteLine();
        output.WriteLine("Commands:");
        foreach (var command in visibleCommands.OrderBy(c => c.Name, StringComparer.Ordinal))
            output.WriteLine($"  {(command.Name ?? "").PadRight(firstColumnWidth)}{command.Description}");
        output.WriteLine();
        output.WriteLine($"Run '{FullName(application)} [command] --help' for more information about a command.");
    }

    protected override void GenerateFooter(CommandLineApplication application, TextWriter output)
    {
        if (declarations.PageOf(application)?.Examples is { } examples && !string.IsNullOrWhiteSpace(examples))
        {
            output.WriteLine();
            output.WriteLine("Examples:");
            foreach (var line in examples.Trim('\n').Split('\n'))
                output.WriteLine(line.Length == 0 ? "" : "  " + line);
            if (string.IsNullOrEmpty(application.ExtendedHelpText)) return;
        }
        output.Write(application.ExtendedHelpText);
        output.WriteLine();
    }

    /// <summary>"kubectl skupper token issue": the root's name is how the user invoked the CLI.</summary>
    private static string FullName(CommandLineApplication application)
    {
        var names = new List<string>();
        for (var c = application; c is not null; c = c.Parent) names.Add(c.Name ?? "");
        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>Makes every command of the tree use <paramref name="generator"/>.</summary>
    public static void Apply(CommandLineApplication root, HostHelpText generator)
    {
        root.HelpTextGenerator = generator;
        foreach (var command in root.Commands) Apply(command, generator);
    }
}
