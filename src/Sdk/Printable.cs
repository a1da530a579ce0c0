using System.Globalization;
using System.Text;

namespace Skupper.Cli.Sdk;

/// <summary>
/// Text from outside (a path, a name a hook chose) made safe to print on a terminal: control
/// characters (C0, DEL, C1) and the bidirectional and zero-width format characters that can
/// rewrite or hide what a line shows are escaped (<c>\n</c>, <c>\x1b</c>, <c>\u202e</c>); other
/// text is returned unchanged. The host and every plugin print paths through it.
/// </summary>
public static class Printable
{
    /// <summary>A path as it may be printed.</summary>
    public static string Path(string path) => Escape(path);

    /// <summary>Any text from outside, escaped like <see cref="Path"/>.</summary>
    public static string Escape(string text)
    {
        var i = 0;
        while (i < text.Length && !NeedsEscape(text[i])) i++;
        if (i == text.Length) return text;
        var sb = new StringBuilder(text.Length + 8).Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (!NeedsEscape(c)) { sb.Append(c); continue; }
            sb.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c < 0x100 => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                _ => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
            });
        }
        return sb.ToString();
    }

    private static bool NeedsEscape(char c) =>
        c < 0x20 || c is >= '\x7f' and <= '\x9f'
        || c is '\u200b' or '\u200c' or '\u200d' or '\u200e' or '\u200f' or '\u2028' or '\u2029' or '\ufeff'
        || c is >= '\u202a' and <= '\u202e' || c is >= '\u2066' and <= '\u2069';
}
