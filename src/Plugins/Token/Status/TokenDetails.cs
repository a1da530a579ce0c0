using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;

namespace Skupper.Plugins.Token.Status;

/// <summary>
/// What <c>token status FILE</c> shows of a token: its name, grant server, CA and link cost; never its code.
/// The fingerprint is written as <c>openssl x509 -fingerprint -sha256</c> writes it, so the two can be compared.
/// </summary>
internal static class TokenDetails
{
    public static List<(string Field, string Value)> Rows(AccessToken token)
    {
        var rows = new List<(string, string)> { ("Token", token.Metadata.Name), ("Grant server", token.Spec.Url ?? "") };
        using var certificates = new Certificates(token.Spec.Ca!);
        foreach (var ca in certificates.All)
        {
            rows.Add(("CA subject", ca.Subject));
            rows.Add(("CA expires", ca.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
            rows.Add(("CA SHA-256", Fingerprint(ca)));
        }
        if (token.Spec.LinkCost is { } cost) rows.Add(("Link cost", cost.ToString(CultureInfo.InvariantCulture)));
        return rows;
    }

    /// <summary>Rows as <c>Field:  value</c>, the values aligned, each made <see cref="Printable"/> (the file is anyone's text).</summary>
    public static string Format(IEnumerable<(string Field, string Value)> rows)
    {
        var list = rows.ToList();
        var width = list.Max(r => r.Field.Length) + 3;
        return string.Concat(list.Select(r => $"{(r.Field + ":").PadRight(width)}{Printable.Escape(r.Value)}\n"));
    }

    /// <summary>Upper-case hex pairs joined by colons, as OpenSSL prints <c>sha256 Fingerprint=AB:CD:…</c>.</summary>
    public static string Fingerprint(X509Certificate2 certificate) =>
        string.Join(':', Convert.ToHexString(SHA256.HashData(certificate.RawData)).Chunk(2).Select(p => new string(p)));

    /// <summary>The token's CA certificates (TokenFile has checked there is at least one), disposed together.</summary>
    private sealed class Certificates : IDisposable
    {
        public Certificates(string pem) => All.ImportFromPem(pem);

        public X509Certificate2Collection All { get; } = [];

        public void Dispose()
        {
            foreach (var c in All) c.Dispose();
        }
    }
}
