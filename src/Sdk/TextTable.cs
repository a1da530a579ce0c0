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

    /// <summary>
    /// The whole table as one string, for one write: the console's writer flushes on every call, so a table written cell
    /// by cell cost a system call a cell. Made at its final length, with no copy in between (<c>plugin list</c> with 50
    /// plugins installed built a 30,000-character table three times over: perf, where fresh memory costs page faults).
    /// </summary>
    public override string ToString()
    {
        var widths = new int[headers.Length];
        Widen(widths, headers);
        foreach (var row in _rows) Widen(widths, row);
        var length = Length(widths, headers);
        foreach (var row in _rows) length += Length(widths, row);
        return string.Create(length, (Headers: headers, Rows: _rows, Widths: widths), static (text, table) =>
        {
            text = Fill(text, table.Widths, table.Headers);
            foreach (var row in table.Rows) text = Fill(text, table.Widths, row);
        });
    }

    private static void Widen(int[] widths, string[] row)
    {
        for (var i = 0; i < row.Length && i < widths.Length; i++)
            widths[i] = Math.Max(widths[i], row[i].Length);
    }

    /// <summary>A row's characters: each cell padded to its column's width and two spaces, but the last; then a newline.</summary>
    private static int Length(int[] widths, string[] row)
    {
        var length = 1;
        for (var i = 0; i < row.Length && i < widths.Length; i++)
            length += i == row.Length - 1 ? row[i].Length : Math.Max(row[i].Length, widths[i] + 2);
        return length;
    }

    /// <summary>Writes the row at the start of <paramref name="text"/>; what is left after it.</summary>
    private static Span<char> Fill(Span<char> text, int[] widths, string[] row)
    {
        for (var i = 0; i < row.Length && i < widths.Length; i++)
        {
            row[i].CopyTo(text);
            text = text[row[i].Length..];
            if (i == row.Length - 1) continue;
            var pad = Math.Max(0, widths[i] + 2 - row[i].Length);
            text[..pad].Fill(' ');
            text = text[pad..];
        }
        text[0] = '\n';
        return text[1..];
    }
}
