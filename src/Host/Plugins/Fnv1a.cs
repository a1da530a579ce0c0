namespace Skupper.Cli.Host.Plugins;

/// <summary>
/// FNV-1a over UTF-16 code units: stable across runs (string.GetHashCode is not); change detection, not security. It
/// fingerprints the plugins on disk for the command index (<see cref="CommandIndexStore"/>), fed as discovery goes, so
/// that no text of every file is ever built.
/// </summary>
internal sealed class Fnv1a
{
    private const ulong Prime = 1099511628211UL;

    public ulong Value { get; private set; } = 14695981039346656037UL;

    public Fnv1a Add(string? text)
    {
        var hash = Value;
        foreach (var ch in text ?? "") { hash ^= ch; hash *= Prime; }
        Value = hash;
        return this;
    }

    /// <summary>A number, as its four 16-bit parts, low first, with no string made of it.</summary>
    public Fnv1a Add(ulong number)
    {
        var hash = Value;
        for (var i = 0; i < 4; i++, number >>= 16) { hash ^= number & 0xFFFF; hash *= Prime; }
        Value = hash;
        return this;
    }
}
