using System.Text;

namespace Skupper.Cli.Sdk;

/// <summary>
/// Plain column-aligned tables, as kubectl prints them: upper-case headers, two spaces between columns. Cells hold
/// what servers and files said (names, status messages, hosts), so each is made <see cref="Printable"/>: an escape
/// sequence in a MESSAGE column must not reach the terminal, where it could rewrite what the user reads.
/// </summary>
public sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public TextTable Add(params string?[] cells)
    {
        _rows.Add(cells.Select(c => Printable.Escape(c ?? "")).ToArray());
        return this;
    }

    public override string ToString()
    {
        var all = new List<string[]> { headers };
        all.AddRange(_rows);
        var widths = new int[headers.Length];
        foreach (var row in all)
            for (var i = 0; i < row.Length && i < widths.Length; i++)
                widths[i] = Math.Max(widths[i], row[i].Length);
        var sb = new StringBuilder();
        foreach (var row in all)
        {
            for (var i = 0; i < row.Length && i < widths.Length; i++)
                sb.Append(i == row.Length - 1 ? row[i] : row[i].PadRight(widths[i] + 2));
            sb.Append('\n');
        }
        return sb.ToString();
    }
}
