using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using Scalar = YamlDotNet.Core.Events.Scalar;

namespace Skupper.Plugins.Token;

/// <summary>
/// The reader of token files and of grant servers' answers: YAML to JSON event by event, with limits a token never
/// comes near (nesting, node count) and no anchors, aliases or merge keys, so that a hostile file costs little to refuse.
/// </summary>
internal static class TokenYaml
{
    private const int MaxDepth = 32;
    private const int MaxNodes = 10_000;
    private const string NoAnchors = "aliases and anchors are not allowed in token files";

    /// <summary>A YAML text beyond a token's limits; the message follows the name of the file or stream.</summary>
    internal sealed class TokenFileException(string message) : Exception(message);

    /// <summary>
    /// One YAML document to JSON, event by event, refusing anchors and aliases outright: a token
    /// never needs them and they are how a small file expands into gigabytes.
    /// </summary>
    public static JsonNode? ParseOne(string text)
    {
        var parser = new Parser(new StringReader(text));
        parser.Consume<StreamStart>();
        if (parser.Accept<StreamEnd>(out _)) throw new TokenFileException("is empty: it is not a token file");
        parser.Consume<DocumentStart>();
        var nodes = 0;
        var root = ReadNode(parser, 0, ref nodes);
        parser.Consume<DocumentEnd>();
        if (!parser.Accept<StreamEnd>(out _))
            throw new TokenFileException("holds more than one YAML document: a token file holds one AccessToken");
        return root;
    }

    /// <summary>
    /// Every document of a YAML stream (empty ones skipped), with the token file's limits, for the grant server's answer
    /// (a Secret and Links, each after "---"). Throws <see cref="YamlException"/> or a message for bad input.
    /// </summary>
    public static List<JsonNode?> ParseDocuments(string text)
    {
        var parser = new Parser(new StringReader(text));
        parser.Consume<StreamStart>();
        var documents = new List<JsonNode?>();
        var nodes = 0;
        try
        {
            while (parser.TryConsume<DocumentStart>(out _))
            {
                if (!parser.Accept<DocumentEnd>(out _)) documents.Add(ReadNode(parser, 0, ref nodes));
                parser.Consume<DocumentEnd>();
            }
        }
        catch (TokenFileException e) { throw new YamlException(e.Message); }
        parser.Consume<StreamEnd>();
        return documents;
    }

    private static JsonNode? ReadNode(IParser parser, int depth, ref int nodes)
    {
        if (++nodes > MaxNodes) throw new TokenFileException($"is not a token file: more than {MaxNodes} YAML nodes");
        if (depth > MaxDepth) throw new TokenFileException($"is not a token file: nested deeper than {MaxDepth} levels");
        if (parser.Accept<AnchorAlias>(out var alias))
            throw new TokenFileException($"uses a YAML alias (*{alias.Value}) at line {alias.Start.Line}: {NoAnchors}");
        if (parser.Accept<NodeEvent>(out var node) && !node.Anchor.IsEmpty)
            throw new TokenFileException($"uses a YAML anchor (&{node.Anchor}) at line {node.Start.Line}: {NoAnchors}");

        if (parser.TryConsume<Scalar>(out var scalar)) return ScalarValue(scalar);
        if (parser.TryConsume<SequenceStart>(out _))
        {
            var array = new JsonArray();
            while (!parser.TryConsume<SequenceEnd>(out _)) array.Add(ReadNode(parser, depth + 1, ref nodes));
            return array;
        }
        if (parser.TryConsume<MappingStart>(out _))
        {
            var obj = new JsonObject();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                if (parser.Accept<AnchorAlias>(out var keyAlias))
                    throw new TokenFileException($"uses a YAML alias (*{keyAlias.Value}) at line {keyAlias.Start.Line}: {NoAnchors}");
                if (!parser.TryConsume<Scalar>(out var key))
                    throw new TokenFileException("is not a token file: a mapping key is not a plain value");
                if (!key.Anchor.IsEmpty)
                    throw new TokenFileException($"uses a YAML anchor (&{key.Anchor}) at line {key.Start.Line}: {NoAnchors}");
                if (key.Value == "<<")
                    throw new TokenFileException(
                        $"uses a YAML merge key at line {key.Start.Line}: merge keys are not allowed in token files");
                var value = ReadNode(parser, depth + 1, ref nodes);
                if (!obj.TryAdd(key.Value, value))
                    throw new TokenFileException($"is not a token file: key \"{key.Value}\" appears twice at line {key.Start.Line}");
            }
            return obj;
        }
        throw new TokenFileException("is not a token file: unexpected YAML content");
    }

    /// <summary>YAML 1.2 core schema for plain scalars; quoted ones are always strings.</summary>
    private static JsonValue? ScalarValue(Scalar scalar)
    {
        if (!scalar.IsPlainImplicit || scalar.Style != ScalarStyle.Plain) return JsonValue.Create(scalar.Value);
        return PlainValue(scalar.Value);
    }

    private static JsonValue? PlainValue(string v)
    {
        switch (v)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return JsonValue.Create(true);
            case "false" or "False" or "FALSE": return JsonValue.Create(false);
        }
        if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
        if (v.Length > 0 && (char.IsAsciiDigit(v[0]) || v[0] is '-' or '+' or '.')
            && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
            return JsonValue.Create(d);
        return JsonValue.Create(v);
    }
}
