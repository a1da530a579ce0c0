using System.Globalization;
using System.Text;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Skupper.Cli.Host.Services.Connection;

/// <summary>A YAML node as JSON, the way kubectl's YAML-to-JSON step turns plain scalars into numbers and booleans.</summary>
internal static class YamlJson
{
    public static string ToJson(YamlNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) Write(writer, node);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter w, YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                w.WriteStartObject();
                foreach (var (k, v) in map.Children)
                {
                    w.WritePropertyName((k as YamlScalarNode)?.Value ?? "");
                    Write(w, v);
                }
                w.WriteEndObject();
                break;
            case YamlSequenceNode seq:
                w.WriteStartArray();
                foreach (var v in seq.Children) Write(w, v);
                w.WriteEndArray();
                break;
            case YamlScalarNode { Value: var v, Style: var style }:
                if (style != ScalarStyle.Plain) w.WriteStringValue(v);
                else if (v is null or "~" or "null" or "") w.WriteNullValue();
                else if (v is "true" or "True" or "TRUE") w.WriteBooleanValue(true);
                else if (v is "false" or "False" or "FALSE") w.WriteBooleanValue(false);
                else if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) w.WriteNumberValue(l);
                // .NET also reads "NaN" and "Infinity", which are strings to YAML and which JSON cannot hold as numbers.
                else if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
                    w.WriteNumberValue(d);
                else w.WriteStringValue(v);
                break;
            default:
                w.WriteNullValue();
                break;
        }
    }
}
