using System.Globalization;
using System.Text.Json.Nodes;

namespace Skupper.Sandbox;

/// <summary>
/// meta.k8s.io/v1 Table output for <c>kubectl get</c>: Name, the CRD's additionalPrinterColumns, Age,
/// with date columns rendered as kubectl's human durations, as the API server does.
/// </summary>
public static class TableConverter
{
    public static JsonObject ToTable(ResourceType type, IEnumerable<JsonObject> objects, string? resourceVersion, string? includeObject, bool includeColumns = true)
    {
        var columns = new JsonArray
        {
            Column("Name", "string", "Name must be unique within a namespace. It is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names", 0, "name"),
        };
        foreach (var c in type.Columns) columns.Add(Column(c.Name, c.Type, c.Description, c.Priority, c.Format));
        columns.Add(Column("Age", "date", "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata", 0, null));

        var rows = new JsonArray();
        foreach (var o in objects)
        {
            var cells = new JsonArray { o["metadata"]?["name"]?.DeepClone() };
            foreach (var c in type.Columns)
            {
                var v = c.Value(o);
                cells.Add(c.Type == "date" && v is JsonValue dv && dv.TryGetValue<string>(out var ds) ? Age(ds) : v);
            }
            cells.Add(Age(o["metadata"]?["creationTimestamp"]?.GetValue<string>()));
            var row = new JsonObject { ["cells"] = cells };
            switch (includeObject)
            {
                case "None": break;
                case "Object": row["object"] = o.DeepClone(); break;
                default:
                    row["object"] = new JsonObject
                    {
                        ["kind"] = "PartialObjectMetadata",
                        ["apiVersion"] = "meta.k8s.io/v1",
                        ["metadata"] = o["metadata"]?.DeepClone(),
                    };
                    break;
            }
            rows.Add(row);
        }
        var table = new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = resourceVersion == null ? new JsonObject() : new JsonObject { ["resourceVersion"] = resourceVersion },
        };
        if (includeColumns) table["columnDefinitions"] = columns;
        table["rows"] = rows;
        return table;
    }

    private static JsonObject Column(string name, string type, string description, int priority, string? format) => new()
    {
        ["name"] = name,
        ["type"] = type,
        ["format"] = format ?? "",
        ["description"] = description,
        ["priority"] = priority,
    };

    private static string Age(string? timestamp)
    {
        if (timestamp == null || !DateTime.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t))
            return "<unknown>";
        return HumanDuration(DateTime.UtcNow - t);
    }

    /// <summary>k8s.io/apimachinery/pkg/util/duration.HumanDuration.</summary>
    public static string HumanDuration(TimeSpan d)
    {
        var seconds = (long)d.TotalSeconds;
        if (seconds < -1) return "<invalid>";
        if (seconds < 0) return "0s";
        if (seconds < 120) return $"{seconds}s";
        var minutes = (long)d.TotalMinutes;
        if (minutes < 10) return seconds % 60 == 0 ? $"{minutes}m" : $"{minutes}m{seconds % 60}s";
        if (minutes < 180) return $"{minutes}m";
        var hours = (long)d.TotalHours;
        if (hours < 8) return minutes % 60 == 0 ? $"{hours}h" : $"{hours}h{minutes % 60}m";
        if (hours < 48) return $"{hours}h";
        if (hours < 24 * 8) return hours % 24 == 0 ? $"{hours / 24}d" : $"{hours / 24}d{hours % 24}h";
        if (hours < 24 * 365 * 2) return $"{hours / 24}d";
        if (hours < 24 * 365 * 8) return (hours / 24) % 365 == 0 ? $"{hours / 24 / 365}y" : $"{hours / 24 / 365}y{(hours / 24) % 365}d";
        return $"{hours / 24 / 365}y";
    }
}
