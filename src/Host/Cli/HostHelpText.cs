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
        if (page.HostCommand) return;
        output.WriteLine($"Platforms: {string.Join(", ", page.Platforms)}");
        output.WriteLine($"Waits for: {page.WaitsFor ?? "nothing (it returns at once)"}");
        output.WriteLine();
    }

    /// <summary>
    /// The base layout, but each page lists only the command's own options (and -h): the global ones are the same
    /// on every command and are listed by the <c>options</c> command, as kubectl lists its own.
    /// </summary>
    protected override void GenerateBody(CommandLineApplication application, TextWriter output)
    {
        var arguments = application.Arguments.Where(a => a.ShowInHelpText).ToList();
        var options = application.GetOptions().Where(o => o.ShowInHelpText && !IsGlobal(o, application)).ToList();
        var commands = application.Commands.Where(c => c.ShowInHelpText).ToList();
        var width = 2 + arguments.Select(a => a.Name?.Length ?? 0)
            .Concat(options.Select(o => Format(o).Length))
            .Concat(commands.Select(c => c.Name?.Length ?? 0))
            .DefaultIfEmpty(0).Max();
        GenerateUsage(application, output, arguments, options, commands);
        GenerateArguments(application, output, arguments, width);
        GenerateOptions(application, output, options, width);
        GenerateCommands(application, output, commands, width);
    }

    /// <summary>The global options, one a line in the layout of a page's options (for the <c>options</c> command).</summary>
    public void WriteGlobalOptions(CommandLineApplication root, TextWriter output)
    {
        var options = root.Options.Where(o => o.ShowInHelpText && IsGlobal(o, root)).ToList();
        var width = 2 + options.Select(o => Format(o).Length).DefaultIfEmpty(0).Max();
        foreach (var option in options)
            output.WriteLine($"  {Format(option).PadRight(width)}{option.Description}");
    }

    /// <summary>An option the host declares on the root for every command: all of the root's but -h.</summary>
    private static bool IsGlobal(CommandOption option, CommandLineApplication application)
    {
        var root = Root(application);
        return option != root.OptionHelp && root.Options.Contains(option);
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
        var examples = declarations.PageOf(application)?.Examples;
        var hasExamples = !string.IsNullOrWhiteSpace(examples);
        if (hasExamples)
        {
            output.WriteLine();
            output.WriteLine("Examples:");
            foreach (var line in examples!.Trim('\n').Split('\n'))
                output.WriteLine(line.Length == 0 ? "" : "  " + line);
        }
        if (!string.IsNullOrEmpty(application.ExtendedHelpText))
        {
            output.Write(application.ExtendedHelpText);
            output.WriteLine();
        }
        if (OptionsCommand.Is(application)) return;
        // kubectl's last line; right under a group's "Run '… [command] --help'" line, as in kubectl's own help.
        if (hasExamples || !string.IsNullOrEmpty(application.ExtendedHelpText) || !application.Commands.Any(c => c.ShowInHelpText))
            output.WriteLine();
        output.WriteLine($"Use \"{FullName(Root(application))} {OptionsCommand.Name}\" " +
            "for a list of global command-line options (applies to all commands).");
    }

    private static CommandLineApplication Root(CommandLineApplication application)
    {
        while (application.Parent is not null) application = application.Parent;
        return application;
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
