using McMaster.Extensions.CommandLineUtils;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Cli;

/// <summary>
/// Shell completion in cobra's protocol, the one kubectl (1.26+) speaks to plugins: kubectl runs
/// <c>kubectl_complete-skupper &lt;words…&gt; &lt;word to complete&gt;</c>, which runs
/// <c>kubectl-skupper __complete &lt;words…&gt; &lt;word to complete&gt;</c>. The answer is one
/// candidate a line (<c>candidate\tdescription</c>), then <c>:&lt;directive&gt;</c>.
/// Candidates come from the same command tree a normal run builds: the root's commands from the
/// command index (no plugin loaded), deeper words from the owning plugin, loaded as a run loads it,
/// so third-party plugins found at run time complete like the bundled ones.
/// <c>__complete</c> is answered before the tree is built and is never a command, so help never shows it.
/// </summary>
public static class Completion
{
    public const string Request = "__complete";
    public const string RequestNoDescriptions = "__completeNoDesc";

    // cobra's ShellCompDirective values.
    public const int DirectiveDefault = 0;      // the shell may complete file names
    public const int DirectiveNoFileComp = 4;   // nothing else to offer

    private static readonly string[] Platforms = ["kubernetes", "docker", "podman", "linux"];

    public static bool IsRequest(string[] args) =>
        args.Length > 0 && (args[0] == Request || args[0] == RequestNoDescriptions);

    /// <summary>
    /// Answers one request; <paramref name="build"/> builds the command tree for the given argv
    /// exactly as a run would (so it loads only the plugin owning the first command word).
    /// </summary>
    public static async Task<int> RunAsync(string[] args, HostEnvironment env,
        Func<string[], (CommandLineApplication App, Declarations Declarations)> build)
    {
        var descriptions = args[0] == Request;
        var words = args.Skip(1).ToArray();
        var toComplete = words.Length > 0 ? words[^1] : "";
        var before = words.Length > 0 ? words[..^1] : [];

        var (app, declarations) = build(before);
        var (candidates, directive, pending) = Complete(app, declarations, before, toComplete);
        if (pending is not null && candidates.Count == 0)
        {
            // An option's own word is left out: without its value the scan would refuse it.
            var flags = GlobalOptions.ConnectionOf(pending.Option is null || pending.Attached ? before : before[..^1]);
            var values = await ValuesAsync(pending, new CompletionValues(env, flags)).ConfigureAwait(false);
            candidates.AddRange(values.Where(v => v.StartsWith(pending.Typed, StringComparison.Ordinal)).Select(v => (v, (string?)null)));
        }
        // A candidate read from the cluster may hold a newline (another candidate) or an escape sequence: escaped.
        foreach (var (value, description) in candidates)
            env.Out.WriteLine(descriptions && !string.IsNullOrEmpty(description)
                ? $"{Printable.Escape(value)}\t{Printable.Escape(description)}"
                : Printable.Escape(value));
        env.Out.WriteLine($":{directive}");
        var name = directive == DirectiveNoFileComp ? "ShellCompDirectiveNoFileComp" : "ShellCompDirectiveDefault";
        env.Error.WriteLine($"Completion ended with directive: {name}");
        return ExitCodes.Success;
    }

    /// <summary>
    /// A value known only at run time: the option (or argument, when <see cref="Option"/> is null) it is
    /// for, what its command declared about it, what of it is typed already, and whether it is typed in the
    /// option's own word (<c>--namespace=we</c>) rather than the next.
    /// </summary>
    public sealed record PendingValue(CommandOption? Option, ValueCompletion? Declared, string Typed, bool Attached = false);

    /// <summary>Values known only at run time: from the kubeconfig and from the cluster.</summary>
    private static async Task<IEnumerable<string>> ValuesAsync(PendingValue pending, CompletionValues values) =>
        pending.Declared?.NamesOf is { } plural ? await values.SkupperNamesAsync(plural).ConfigureAwait(false)
        : pending.Option?.LongName switch
        {
            "context" => values.Contexts(),
            "namespace" => await values.NamespacesAsync().ConfigureAwait(false),
            _ => [],
        };

    /// <summary>
    /// Walks <paramref name="before"/> down the tree, then returns the candidates known from the
    /// command tree and the commands' declarations, the shell directive, and the value still to look
    /// up at run time (null when nothing is).
    /// </summary>
    public static (List<(string Value, string? Description)> Candidates, int Directive, PendingValue? Pending) Complete(
        CommandLineApplication root, Declarations declarations, IReadOnlyList<string> before, string toComplete)
    {
        var command = root;
        CommandOption? pendingValue = null;   // the option whose value is the next word
        var positionals = 0;
        var onlyPositionals = false;
        foreach (var word in before)
        {
            if (pendingValue is not null) { pendingValue = null; continue; }
            if (!onlyPositionals && word == "--") { onlyPositionals = true; continue; }
            if (!onlyPositionals && word.StartsWith('-') && word.Length > 1)
            {
                if (FlagWord.Read(command, word) is { Value: null, TakesValue: true } flag) pendingValue = flag.Option;
                continue;
            }
            var sub = onlyPositionals || positionals > 0 ? null : command.Commands.FirstOrDefault(c => c.Names.Contains(word));
            if (sub is not null) command = sub;
            else positionals++;
        }

        var attached = false;
        if (!onlyPositionals && pendingValue is null && toComplete.StartsWith('-') && toComplete.IndexOf('=') is > 1 and var equals)
        {
            // cobra's checkIfFlagCompletion (spf13/cobra completions.go): "--flag=" (or "-f=") completes the
            // flag's value as "--flag " would, switches included, and the candidates are the values alone: the
            // shell scripts cobra generates put the "--flag=" back in front of them.
            if (FlagWord.Read(command, toComplete[..equals]) is not { } flag || flag.Option.OptionType == CommandOptionType.NoValue)
                return ([], DirectiveNoFileComp, null);
            (pendingValue, toComplete, attached) = (flag.Option, toComplete[(equals + 1)..], true);
        }

        var candidates = new List<(string, string?)>();
        if (pendingValue is not null)
        {
            var declared = declarations.ValuesOf(pendingValue);
            var choices = pendingValue.LongName == "platform" ? Platforms : declared?.Choices ?? [];
            candidates.AddRange(choices.Where(p => p.StartsWith(toComplete, StringComparison.Ordinal)).Select(p => (p, (string?)null)));
            // A kubeconfig is a file; other values are free text.
            var fileValue = pendingValue.LongName == "kubeconfig" || declared?.Files == true;
            return (candidates, candidates.Count == 0 && fileValue ? DirectiveDefault : DirectiveNoFileComp,
                new PendingValue(pendingValue, declared, toComplete, attached));
        }

        if (!onlyPositionals && toComplete.StartsWith('-'))
        {
            foreach (var option in command.GetOptions().Where(o => o.ShowInHelpText))
            {
                if (option.LongName is { } l && $"--{l}".StartsWith(toComplete, StringComparison.Ordinal))
                    candidates.Add(($"--{l}", FirstLine(option.Description)));
                if (option.ShortName is { } s && !toComplete.StartsWith("--", StringComparison.Ordinal)
                    && $"-{s}".StartsWith(toComplete, StringComparison.Ordinal))
                    candidates.Add(($"-{s}", FirstLine(option.Description)));
            }
            return (candidates.OrderBy(c => c.Item1, StringComparer.Ordinal).ToList(), DirectiveNoFileComp, null);
        }

        if (!onlyPositionals && positionals == 0)
        {
            foreach (var sub in command.Commands.Where(c => c.ShowInHelpText && c.Name is not null))
                if (sub.Name!.StartsWith(toComplete, StringComparison.Ordinal))
                    candidates.Add((sub.Name, FirstLine(sub.Description)));
            candidates.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        }
        // The argument this word would be, as the command declared it: a file (token issue <file>) lets
        // the shell complete file names; names (site status <name>) are looked up in the cluster.
        var argument = command.Arguments.Count == 0 ? null
            : positionals < command.Arguments.Count ? command.Arguments[positionals]
            : command.Arguments[^1].MultipleValues ? command.Arguments[^1] : null;
        var values = argument is null || candidates.Count > 0 ? null : declarations.ValuesOf(argument);
        if (values is null) return (candidates, DirectiveNoFileComp, null);
        candidates.AddRange(values.Choices.Where(c => c.StartsWith(toComplete, StringComparison.Ordinal)).Select(c => (c, (string?)null)));
        return (candidates, values.Files ? DirectiveDefault : DirectiveNoFileComp,
            values.NamesOf is null ? null : new PendingValue(null, values, toComplete));
    }

    private static string? FirstLine(string? text) =>
        text?.Split('\n', 2)[0].Replace('\t', ' ').TrimEnd('\r').Trim();
}
