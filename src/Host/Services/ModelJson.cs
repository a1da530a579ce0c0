using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Skupper.Cli.Host.Services;

/// <summary>
/// Reads and writes the SDK's resource models (their <c>[JsonPropertyName]</c> properties, nulls
/// left out) without System.Text.Json's serializer. Its metadata for value-type properties
/// (<c>int?</c>, <c>bool?</c>, <c>long?</c>, <c>DateTime</c> in every object's metadata and
/// conditions) is generic code that no ReadyToRun image holds, so it was JIT-compiled on every
/// run: deserializing one Site cost 330–440 JIT-compiled methods and 95–230 ms in a scratch
/// program (KubernetesJson, reflection or source-generated alike). Reflection over the models plus
/// <see cref="JsonElement"/> and <see cref="Utf8JsonWriter"/> is all precompiled code.
/// </summary>
public static class ModelJson
{
    public static T Read<T>(JsonElement element) => (T)Read(typeof(T), element)!;

    public static string Write(object value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) Write(writer, value);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static object? Read(Type type, JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Null) return null;
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string)) return e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText();
        if (t == typeof(object) || t == typeof(JsonElement)) return e.Clone();
        if (t == typeof(bool)) return e.GetBoolean();
        if (t == typeof(int)) return e.GetInt32();
        if (t == typeof(long)) return e.GetInt64();
        if (t == typeof(double)) return e.GetDouble();
        if (t == typeof(DateTime)) return e.GetDateTime();
        if (t == typeof(DateTimeOffset)) return e.GetDateTimeOffset();
        if (Dictionary(t) is { } valueType)
        {
            var dict = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), valueType))!;
            foreach (var p in e.EnumerateObject()) dict[p.Name] = Read(valueType, p.Value);
            return dict;
        }
        if (Element(t) is { } itemType)
        {
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(itemType))!;
            foreach (var item in e.EnumerateArray()) list.Add(Read(itemType, item));
            return list;
        }
        var obj = Activator.CreateInstance(t)!;
        if (e.ValueKind != JsonValueKind.Object) throw new JsonException($"expected an object for {t.Name}");
        var properties = Properties(t);
        foreach (var p in e.EnumerateObject())
            if (properties.FirstOrDefault(x => x.Name == p.Name) is { Property: var property })
                property.SetValue(obj, Read(property.PropertyType, p.Value));
        return obj;
    }

    private static void Write(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case string s: w.WriteStringValue(s); break;
            case bool b: w.WriteBooleanValue(b); break;
            case int i: w.WriteNumberValue(i); break;
            case long l: w.WriteNumberValue(l); break;
            case double d: w.WriteNumberValue(d); break;
            // RFC 3339 in UTC, as the API server writes metav1.Time.
            case DateTime dt: w.WriteStringValue(dt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)); break;
            case DateTimeOffset dto: w.WriteStringValue(dto.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)); break;
            case JsonElement je: je.WriteTo(w); break;
            case IDictionary dict:
                w.WriteStartObject();
                foreach (DictionaryEntry kv in dict)
                {
                    if (kv.Value is null) continue;
                    w.WritePropertyName((string)kv.Key);
                    Write(w, kv.Value);
                }
                w.WriteEndObject();
                break;
            case IEnumerable items:
                w.WriteStartArray();
                foreach (var item in items) Write(w, item);
                w.WriteEndArray();
                break;
            default:
                w.WriteStartObject();
                foreach (var (name, property) in Properties(value.GetType()))
                {
                    if (property.GetValue(value) is not { } v) continue;
                    w.WritePropertyName(name);
                    Write(w, v);
                }
                w.WriteEndObject();
                break;
        }
    }

    /// <summary>The serialized properties, base class first (System.Text.Json's order): named by <c>[JsonPropertyName]</c>, else camelCase.</summary>
    private static List<(string Name, PropertyInfo Property)> Properties(Type t)
    {
        var chain = new List<Type>();
        for (var x = t; x is not null && x != typeof(object); x = x.BaseType) chain.Insert(0, x);
        var result = new List<(string, PropertyInfo)>();
        foreach (var declaring in chain)
            foreach (var p in declaring.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (p.GetIndexParameters().Length > 0 || p.GetCustomAttribute<JsonIgnoreAttribute>() is not null) continue;
                if (!p.CanRead || !p.CanWrite) continue;
                var name = p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? char.ToLowerInvariant(p.Name[0]) + p.Name[1..];
                result.Add((name, p));
            }
        return result;
    }

    private static Type? Dictionary(Type t)
    {
        if (!t.IsGenericType) return null;
        var def = t.GetGenericTypeDefinition();
        var args = t.GetGenericArguments();
        return (def == typeof(IDictionary<,>) || def == typeof(Dictionary<,>) || def == typeof(IReadOnlyDictionary<,>)) && args[0] == typeof(string)
            ? args[1]
            : null;
    }

    private static Type? Element(Type t)
    {
        if (t.IsArray) return null;
        if (!t.IsGenericType) return null;
        var def = t.GetGenericTypeDefinition();
        return def == typeof(IList<>) || def == typeof(List<>) || def == typeof(IEnumerable<>) || def == typeof(IReadOnlyList<>) || def == typeof(ICollection<>)
            ? t.GetGenericArguments()[0]
            : null;
    }
}
