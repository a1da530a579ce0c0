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

    /// <summary>The index, or null when the file's bytes are not one (an older format, a torn write).</summary>
    /// <remarks>
    /// Read from the file's UTF-8 bytes, one line and one field at a time, and only the fields kept become strings: the
    /// file decoded into one text first, then cut, cost three copies of it, and with 50 plugins installed every byte
    /// allocated is a page the kernel must fault in (perf). A tab or newline byte never occurs inside a UTF-8 sequence,
    /// so cutting the bytes there cuts the text there.
    /// </remarks>
    public static CommandIndex? Parse(ReadOnlySpan<byte> utf8)
    {
        var index = new CommandIndex();
        PluginEntry? current = null;
        var header = true;
        Span<Range> f = stackalloc Range[MaxFields + 1];
        foreach (var lineRange in utf8.Split((byte)'\n'))
        {
            var line = utf8[lineRange];
            if (line.IsEmpty) continue;
            if (header)
            {
                if (Encoding.UTF8.GetString(line) != Header) return null;
                header = false;
                continue;
            }
            var count = Cut(line, f);
            var kind = line[f[0]];
            var text = new Fields(line, f);
            switch (count)
            {
                case 2 when kind.SequenceEqual("fingerprint"u8):
                    index.Fingerprint = text[1];
                    break;
                case 8 when kind.SequenceEqual("plugin"u8):
                    current = new PluginEntry
                    {
                        Name = text[1], Folder = text[2], Source = text[3],
                        EntryAssembly = text.OrNull(4), Version = text.OrNull(5), Broken = text.OrNull(6), Refused = text.OrNull(7),
                    };
                    index.Plugins.Add(current);
                    break;
                case 3 when kind.SequenceEqual("group"u8) && current is not null:
                    current.Groups[text[1]] = text[2];
                    break;
                case 2 when kind.SequenceEqual("command"u8) && current is not null:
                    current.Commands.Add(text[1]);
                    break;
                case 5 when kind.SequenceEqual("conflict"u8) && current is not null:
                    current.Conflicts.Add(new CommandConflict(text[1], text[2], text.OrNull(3), text.OrNull(4)));
                    break;
                default:
                    return null;
            }
        }
        return header || index.Fingerprint is null && index.Plugins.Count == 0 ? null : index;
    }

    /// <summary>The most fields a line has (a plugin line); a line with more is not one of ours.</summary>
    private const int MaxFields = 8;

    /// <summary>
    /// Where the tab-separated fields of <paramref name="line"/> are, as <c>Split('\t')</c> gives them (empty ones kept);
    /// how many there are, or <see cref="MaxFields"/> + 1 for "too many".
    /// </summary>
    private static int Cut(ReadOnlySpan<byte> line, Span<Range> fields)
    {
        var count = 0;
        foreach (var field in line.Split((byte)'\t'))
        {
            if (count == fields.Length) return fields.Length;
            fields[count++] = field;
        }
        return count;
    }

    /// <summary>A line's fields as strings, made only when asked for.</summary>
    private readonly ref struct Fields(ReadOnlySpan<byte> line, ReadOnlySpan<Range> ranges)
    {
        private readonly ReadOnlySpan<byte> _line = line;
        private readonly ReadOnlySpan<Range> _ranges = ranges;

        public string this[int i] => Encoding.UTF8.GetString(_line[_ranges[i]]);

        /// <summary>Empty fields are nulls.</summary>
        public string? OrNull(int i) => _line[_ranges[i]].IsEmpty ? null : this[i];
    }

    private static void Line(StringBuilder sb, string kind, params string?[] fields)
    {
        sb.Append(kind);
        foreach (var field in fields)
            sb.Append('\t').Append((field ?? "").Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' '));
        sb.Append('\n');
    }
}
