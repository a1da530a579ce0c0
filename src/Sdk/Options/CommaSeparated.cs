using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Skupper.Cli.Sdk;

/// <summary>
/// One option value read as a comma-separated list the way pflag reads a StringSlice: as one record of Go's
/// encoding/csv with its defaults (spf13/pflag string_slice.go, readAsCSV), so <c>a,b</c> gives two items,
/// <c>"a,b",c</c> two with a comma in the first (<c>""</c> is a quote inside quotes), and an empty value none.
/// </summary>
internal static class CommaSeparated
{
    public static bool TryRead(string text, [NotNullWhen(true)] out List<string>? fields, [NotNullWhen(false)] out string? error)
    {
        fields = [];
        error = null;
        var s = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var i = 0;
        while (i < s.Length && s[i] == '\n') i++; // encoding/csv skips empty lines before a record
        if (i == s.Length) return true;
        var field = new StringBuilder();
        while (true)
        {
            field.Clear();
            if (i < s.Length && s[i] == '"')
            {
                // A quoted field: runs to the closing quote, across commas and new lines.
                i++;
                while (true)
                {
                    if (i >= s.Length)
                    {
                        error = "extraneous or missing \" in quoted-field";
                        fields = null;
                        return false;
                    }
                    if (s[i] != '"') { field.Append(s[i++]); continue; }
                    if (i + 1 < s.Length && s[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                    i++;
                    break;
                }
                if (i < s.Length && s[i] is not (',' or '\n'))
                {
                    error = "extraneous or missing \" in quoted-field";
                    fields = null;
                    return false;
                }
            }
            else
            {
                var end = i;
                while (end < s.Length && s[end] is not (',' or '\n')) end++;
                if (s.IndexOf('"', i, end - i) >= 0)
                {
                    error = "bare \" in non-quoted field";
                    fields = null;
                    return false;
                }
                field.Append(s, i, end - i);
                i = end;
            }
            fields.Add(field.ToString());
            // One record only, as readAsCSV reads one: what follows a new line is not read.
            if (i >= s.Length || s[i] == '\n') return true;
            i++; // the comma
        }
    }

    /// <summary>Items written back as one record (pflag's writeAsCSV, for the help's default): quoted where encoding/csv quotes.</summary>
    public static string Write(IEnumerable<string> items) => string.Join(",", items.Select(Quote));

    private static string Quote(string field)
    {
        var needs = field.Length > 0
                    && (field == "\\." || field.IndexOfAny([',', '"', '\r', '\n']) >= 0 || char.IsWhiteSpace(field[0]));
        return needs ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }
}
