using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Skupper.Cli.Host.Services.Connection;

/// <summary>
/// The limits kubectl's YAML reader (go-yaml, through sigs.k8s.io/yaml) puts on a kubeconfig, with its words: a
/// nesting depth of 10000 ("exceeded max depth of 10000", yaml.v2 decode.go/parserc.go) and aliases that would
/// expand to far more than the file holds ("document contains excessive aliasing", decode.go allowedAliasRatio).
/// YamlDotNet has neither: a 200k-deep <c>[[[</c> overflowed the stack while building the node tree (an abort, and a
/// core file) and an alias bomb in an unused cluster's extension took 1.4 GB.
/// </summary>
internal static class YamlLimits
{
    public const int MaxDepth = 10_000;

    /// <summary>Aliases may repeat nodes, but not into more than this many in all: a billion laughs stops here.</summary>
    public const long MaxExpandedNodes = 1_000_000;

    /// <summary>Scans the events (the parser keeps its own stack, so any depth is safe here) before a tree is built.</summary>
    public static void CheckDepth(string text)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case SequenceStart or MappingStart:
                    if (++depth > MaxDepth)
                        throw new FormatException($"line {parser.Current.Start.Line}: exceeded max depth of {MaxDepth}");
                    break;
                case SequenceEnd or MappingEnd:
                    depth--;
                    break;
            }
        }
    }

    /// <summary>Counts the nodes the tree stands for with every alias expanded, each shared node counted once per use.</summary>
    public static void CheckAliasing(YamlNode root)
    {
        var expanded = new Dictionary<YamlNode, long>(ReferenceEqualityComparer.Instance);
        if (Size(root, expanded, new HashSet<YamlNode>(ReferenceEqualityComparer.Instance)) > MaxExpandedNodes)
            throw new FormatException("document contains excessive aliasing");
    }

    private static long Size(YamlNode node, Dictionary<YamlNode, long> expanded, HashSet<YamlNode> open)
    {
        if (expanded.TryGetValue(node, out var known)) return known;
        // An alias to a node still being read (&a [*a]) would expand forever.
        if (!open.Add(node)) throw new FormatException($"line {node.Start.Line}: an alias refers to the node that contains it");
        long size = 1;
        IEnumerable<YamlNode> children = node switch
        {
            YamlMappingNode map => map.Children.SelectMany(kv => new[] { kv.Key, kv.Value }),
            YamlSequenceNode seq => seq.Children,
            _ => [],
        };
        foreach (var child in children)
        {
            size += Size(child, expanded, open);
            if (size > MaxExpandedNodes) break;
        }
        open.Remove(node);
        return expanded[node] = Math.Min(size, MaxExpandedNodes + 1);
    }
}
