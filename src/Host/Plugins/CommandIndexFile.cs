using System.Text;

namespace Skupper.Cli.Host.Plugins;

/// <summary>
/// The on-disk form of the command index: a few tab-separated lines, read on every start.
/// (JSON was a third of start-up time: the serializer's first use costs more than the whole read.)
/// <code>
/// skupper-command-index 3
/// fingerprint &lt;hash&gt;
/// plugin   &lt;name&gt; &lt;folder&gt; &lt;source&gt; &lt;entry&gt; &lt;version&gt; &lt;broken&gt; &lt;refused&gt;
/// group    &lt;name&gt; &lt;description&gt;
/// command  &lt;path&gt;
/// conflict &lt;path&gt; &lt;owner source&gt; &lt;owner name&gt; &lt;owner folder&gt;
/// </code>
/// Empty fields are nulls; group, command and conflict lines belong to the plugin line above them: the groups and commands
/// it owns, and the commands it registered that another owns (<see cref="CommandOwnership"/>). Format 2, from before
/// commands were owned one by one, is not read: the index is rebuilt. Nothing
/// here is trusted as such: <see cref="CommandIndexStore"/> uses it only when it agrees with what
/// discovery found this run.
/// </summary>
public static class CommandIndexFile
{
    private const string Header = "skupper-command-index\t3";

    public static string Write(CommandIndex index)
    {
        var sb = new StringBuilder().Append(Header).Append('\n');
        Line(sb, "fingerprint", index.Fingerprint);
        foreach (var p in index.Plugins)
        {
            Line(sb, "plugin", p.Name, p.Folder, p.Source, p.EntryAssembly, p.Version, p.Broken, p.Refused);
            foreach (var (name, description) in p.Groups) Line(sb, "group", name, description);
            foreach (var path in p.Commands) Line(sb, "command", path);
            foreach (var c in p.Conflicts) Line(sb, "conflict", c.Command, c.OwnerSource, c.OwnerName, c.OwnerFolder);
        }
        return sb.ToString();
    }

    /// <summary>The index, or null when the text is not one (an older format, a torn write).</summary>
    public static CommandIndex? Parse(string text)
    {
        // Line by line over the text, each line split once: splitting the whole text first copied it twice over, and with
        // 50 plugins installed every byte allocated is a page the kernel must fault in (perf).
        var index = new CommandIndex();
        PluginEntry? current = null;
        var header = true;
        for (var rest = text.AsSpan(); !rest.IsEmpty;)
        {
            var end = rest.IndexOf('\n');
            var span = end < 0 ? rest : rest[..end];
            rest = end < 0 ? default : rest[(end + 1)..];
            if (span.IsEmpty) continue;
            if (header)
            {
                if (!span.SequenceEqual(Header)) return null;
                header = false;
                continue;
            }
            var f = Fields(span);
            switch (f[0])
            {
                case "fingerprint" when f.Length == 2:
                    index.Fingerprint = f[1];
                    break;
                case "plugin" when f.Length == 8:
                    current = new PluginEntry
                    {
                        Name = f[1], Folder = f[2], Source = f[3],
                        EntryAssembly = Null(f[4]), Version = Null(f[5]), Broken = Null(f[6]), Refused = Null(f[7]),
                    };
                    index.Plugins.Add(current);
                    break;
                case "group" when f.Length == 3 && current is not null:
                    current.Groups[f[1]] = f[2];
                    break;
                case "command" when f.Length == 2 && current is not null:
                    current.Commands.Add(f[1]);
                    break;
                case "conflict" when f.Length == 5 && current is not null:
                    current.Conflicts.Add(new CommandConflict(f[1], f[2], Null(f[3]), Null(f[4])));
                    break;
                default:
                    return null;
            }
        }
        return header || index.Fingerprint is null && index.Plugins.Count == 0 ? null : index;
    }

    /// <summary>
    /// The tab-separated fields of one line, as <c>Split('\t')</c> gives them (empty ones kept), cut from the span: copying
    /// each line before splitting it allocated the index's text a second time (perf, with 50 plugins).
    /// </summary>
    private static string[] Fields(ReadOnlySpan<char> line)
    {
        var fields = new string[line.Count('\t') + 1];
        for (var i = 0; i < fields.Length; i++)
        {
            var tab = line.IndexOf('\t');
            var field = tab < 0 ? line : line[..tab];
            // The line's kind is one of a few words: the constant, not a copy per line (most lines are commands).
            fields[i] = i == 0 && Kind(field) is { } kind ? kind : field.ToString();
            line = tab < 0 ? default : line[(tab + 1)..];
        }
        return fields;
    }

    private static readonly string[] Kinds = ["command", "group", "plugin", "conflict", "fingerprint"];

    private static string? Kind(ReadOnlySpan<char> field)
    {
        foreach (var kind in Kinds)
            if (field.SequenceEqual(kind)) return kind;
        return null;
    }

    private static void Line(StringBuilder sb, string kind, params string?[] fields)
    {
        sb.Append(kind);
        foreach (var field in fields)
            sb.Append('\t').Append((field ?? "").Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' '));
        sb.Append('\n');
    }

    private static string? Null(string field) => field.Length == 0 ? null : field;
}
