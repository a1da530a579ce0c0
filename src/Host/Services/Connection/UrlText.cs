using System.Text.RegularExpressions;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Services.Connection;

/// <summary>
/// A URL as it may be printed (errors, warnings, -v lines): never its <c>user:password@</c>, and escaped for a
/// terminal. A server or proxy URL may carry credentials (<c>--server https://user:pw@…</c>
/// reached every -v 6 line; an unparsable HTTPS_PROXY its error).
/// </summary>
public static partial class UrlText
{
    /// <summary><c>https://host:port</c>: scheme and authority, less the user information.</summary>
    public static string Authority(Uri url) => Printable.Escape(Strip(url).GetLeftPart(UriPartial.Authority));

    /// <summary>The whole URL less the user information.</summary>
    public static string Full(Uri url) => Printable.Escape(Strip(url).ToString());

    /// <summary>Text that should have been a URL and is not: whatever stands before an <c>@</c> in its authority goes.</summary>
    public static string Redact(string text) => Printable.Escape(UserInfo().Replace(text, "$1***@"));

    private static Uri Strip(Uri url) =>
        url.UserInfo.Length == 0 ? url : new UriBuilder(url) { UserName = "", Password = "" }.Uri;

    /// <summary>From the start (or after <c>scheme://</c>) up to the last <c>@</c> before the path.</summary>
    [GeneratedRegex(@"^((?:[A-Za-z][A-Za-z0-9+.-]*://)?)[^/?#]*@")]
    private static partial Regex UserInfo();
}
