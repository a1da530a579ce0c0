using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Shouldly;
using YamlDotNet.RepresentationModel;

namespace Skupper.Plugins.Debug.Tests;

/// <summary>A dump as a user unpacks it: its entries by name, their text, and checks on all of them.</summary>
internal sealed class DumpArchiveReader
{
    public DumpArchiveReader(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry(copyData: true) is { } entry)
        {
            entry.EntryType.ShouldBe(TarEntryType.RegularFile, entry.Name);
            using var data = new MemoryStream();
            entry.DataStream?.CopyTo(data);
            Entries.Add(entry.Name, data.ToArray());
        }
    }

    public Dictionary<string, byte[]> Entries { get; } = new(StringComparer.Ordinal);

    public IEnumerable<string> Names => Entries.Keys;

    public string Text(string name) => Encoding.UTF8.GetString(Entries.TryGetValue(name, out var data)
        ? data
        : throw new ShouldAssertException($"no {name} in the dump; it holds:\n{string.Join("\n", Names)}"));

    /// <summary>The one entry whose name matches, for names with a generated part (pods, ReplicaSets).</summary>
    public string Single(Func<string, bool> match) => Names.Where(match).ShouldHaveSingleItem(string.Join("\n", Names));

    /// <summary>Every .yaml entry loads as YAML, and its .yaml.txt twin holds the same text.</summary>
    public void ShouldAllParseAsYaml()
    {
        var yaml = Names.Where(n => n.EndsWith(".yaml", StringComparison.Ordinal)).ToList();
        yaml.ShouldNotBeEmpty();
        foreach (var name in yaml)
        {
            var stream = new YamlStream();
            Should.NotThrow(() => stream.Load(new StringReader(Text(name))), name);
            stream.Documents.Count.ShouldBeGreaterThan(0, name);
            Text(name + ".txt").ShouldBe(Text(name), name);
        }
    }

    /// <summary>No entry holds <paramref name="secret"/>, as bytes anywhere in it.</summary>
    public void ShouldNotContain(string secret)
    {
        var bytes = Encoding.UTF8.GetBytes(secret);
        foreach (var (name, data) in Entries)
            data.AsSpan().IndexOf(bytes).ShouldBe(-1, $"{name} holds a secret value");
    }
}
