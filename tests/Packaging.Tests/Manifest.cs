using YamlDotNet.RepresentationModel;

namespace Skupper.Packaging.Tests;

/// <summary>The fields of a krew Plugin manifest (krew's pkg/index types), read from YAML.</summary>
public sealed record Manifest(
    string? ApiVersion, string? Kind, string? Name, string? Version, string? ShortDescription,
    string? Description, string? Caveats, string? Homepage, IReadOnlyList<KrewPlatform> Platforms,
    IReadOnlyList<string> UnknownFields)
{
    private static readonly string[] TopFields = ["apiVersion", "kind", "metadata", "spec"];
    private static readonly string[] SpecFields = ["version", "shortDescription", "description", "caveats", "homepage", "platforms"];
    private static readonly string[] PlatformFields = ["uri", "sha256", "selector", "files", "bin"];

    public string Text { get; init; } = "";

    public static Manifest Load(string path) => Parse(File.ReadAllText(path));

    public static Manifest Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var root = (YamlMappingNode)stream.Documents.Single().RootNode;
        var unknown = new List<string>();
        Unknown(root, TopFields, "", unknown);
        var spec = Map(root, "spec") ?? new YamlMappingNode();
        Unknown(spec, SpecFields, "spec.", unknown);
        var platforms = new List<KrewPlatform>();
        if (Get(spec, "platforms") is YamlSequenceNode seq)
        {
            foreach (var p in seq.Children.Cast<YamlMappingNode>())
            {
                Unknown(p, PlatformFields, "spec.platforms[].", unknown);
                platforms.Add(KrewPlatform.From(p));
            }
        }
        return new Manifest(Str(root, "apiVersion"), Str(root, "kind"), Map(root, "metadata") is { } m ? Str(m, "name") : null,
            Str(spec, "version"), Str(spec, "shortDescription"), Str(spec, "description"), Str(spec, "caveats"),
            Str(spec, "homepage"), platforms, unknown) { Text = text };
    }

    private static void Unknown(YamlMappingNode node, string[] known, string prefix, List<string> into) =>
        into.AddRange(node.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).Where(k => !known.Contains(k)).Select(k => prefix + k));

    internal static YamlNode? Get(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    internal static YamlMappingNode? Map(YamlMappingNode node, string key) => Get(node, key) as YamlMappingNode;

    internal static string? Str(YamlMappingNode node, string key) => (Get(node, key) as YamlScalarNode)?.Value;
}

public sealed record FileOperation(string? From, string? To);

public sealed record KrewPlatform(
    string? Uri, string? Sha256, string? Bin, IReadOnlyList<FileOperation>? Files,
    IReadOnlyDictionary<string, string>? MatchLabels, IReadOnlyList<(string Key, string Operator, string[] Values)>? MatchExpressions,
    bool HasSelector)
{
    public static KrewPlatform From(YamlMappingNode p)
    {
        var selector = Manifest.Map(p, "selector");
        Dictionary<string, string>? labels = null;
        List<(string, string, string[])>? expressions = null;
        if (selector is not null)
        {
            if (Manifest.Map(selector, "matchLabels") is { } ml)
                labels = ml.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => ((YamlScalarNode)kv.Value).Value!);
            if (Manifest.Get(selector, "matchExpressions") is YamlSequenceNode me)
                expressions = me.Children.Cast<YamlMappingNode>().Select(e => (Manifest.Str(e, "key")!, Manifest.Str(e, "operator")!,
                    (Manifest.Get(e, "values") as YamlSequenceNode)?.Children.Select(v => ((YamlScalarNode)v).Value!).ToArray() ?? [])).ToList();
        }
        List<FileOperation>? files = null;
        if (Manifest.Get(p, "files") is YamlSequenceNode fs)
            files = fs.Children.Cast<YamlMappingNode>().Select(f => new FileOperation(Manifest.Str(f, "from"), Manifest.Str(f, "to"))).ToList();
        return new KrewPlatform(Manifest.Str(p, "uri"), Manifest.Str(p, "sha256"), Manifest.Str(p, "bin"), files, labels, expressions, selector is not null);
    }

    /// <summary>Label-selector matching on os/arch, as krew's matching (k8s label selectors) does.</summary>
    public bool Matches(string os, string arch)
    {
        var labels = new Dictionary<string, string> { ["os"] = os, ["arch"] = arch };
        if (MatchLabels is not null && MatchLabels.Any(kv => !labels.TryGetValue(kv.Key, out var v) || v != kv.Value)) return false;
        foreach (var (key, op, values) in MatchExpressions ?? [])
        {
            var has = labels.TryGetValue(key, out var v);
            var ok = op switch
            {
                "In" => has && values.Contains(v),
                "NotIn" => !has || !values.Contains(v),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
            if (!ok) return false;
        }
        return MatchLabels is not null || MatchExpressions is not null;
    }

    /// <summary>krew's default when <c>files</c> is absent: everything to the install root.</summary>
    public IReadOnlyList<FileOperation> EffectiveFiles => Files ?? [new FileOperation("*", ".")];
}
