using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;
using Skupper.Cli.Sdk.Models;

namespace Skupper.Cli.Host.Services;

/// <summary>
/// Reads and writes the SDK's resource models (their <c>[JsonPropertyName]</c> properties, nulls
/// left out) without System.Text.Json's serializer. Its metadata for value-type properties
/// (<c>int?</c>, <c>bool?</c>, <c>long?</c>, <c>DateTime</c> in every object's metadata and
/// conditions) is generic code that no ReadyToRun image holds, so it was JIT-compiled on every
/// run: deserializing one Site cost 330–440 JIT-compiled methods and 95–230 ms in a scratch
/// program (KubernetesJson, reflection or source-generated alike). Reflection over the models plus
/// <see cref="JsonElement"/> and <see cref="Utf8JsonWriter"/> is all precompiled code.
/// The native build compiles this reflection ahead of time: it keeps the model types whole
/// (src/Native/Roots.xml) and needs no generic type made at run time (<see cref="CompiledList"/>).
/// <para>
/// The core and apps kinds that <see cref="Sdk.Services.ResourceKinds"/> offers plugins (ConfigMap, Secret, Service,
/// Deployment) are KubernetesClient's own models, read and written here as the Skupper models are, rather than through a
/// source-generated context: KubernetesClient's (<c>k8s.SourceGenerationContext</c>) covers all of its ~1,200 models
/// and resolves nested types through one switch over all of them, so using it for one kind would compile every model
/// into the native image, and its generic metadata is what made the managed build slow above. Here a kind costs its own
/// models (a Deployment's pod template is the bulk: ~120 types, listed in Roots.xml, the lists below), and the two
/// types that carry a converter instead of properties (IntOrString, ResourceQuantity) are written as their converters
/// write them. NativeJsonTests compares both directions with KubernetesJson.
/// </para>
/// </summary>
public static class ModelJson
{
    private const DynamicallyAccessedMemberTypes ModelMembers =
        DynamicallyAccessedMemberTypes.PublicParameterlessConstructor | DynamicallyAccessedMemberTypes.PublicProperties;

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
        // Base64, as System.Text.Json (and so KubernetesJson) reads a byte[]: a Secret's data.
        if (t == typeof(byte[])) return e.GetBytesFromBase64();
        // The two KubernetesClient types that carry a converter of their own rather than properties: a port or a
        // percentage (IntOrStringJsonConverter reads a number as its digits), and a quantity ("250m", "1Gi").
        if (t == typeof(IntOrString)) return (IntOrString)(e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText());
        if (t == typeof(ResourceQuantity))
            return new ResourceQuantity(e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText());
        if (Dictionary(t) is { } valueType)
        {
            var dict = NewMap(valueType);
            foreach (var p in e.EnumerateObject()) dict[p.Name] = Read(valueType, p.Value);
            return dict;
        }
        if (Element(t) is { } itemType)
        {
            var list = NewList(itemType);
            foreach (var item in e.EnumerateArray()) list.Add(Read(itemType, item));
            return list;
        }
        return ReadObject(Model(t), e);
    }

    private static object ReadObject([DynamicallyAccessedMembers(ModelMembers)] Type t, JsonElement e)
    {
        var obj = Activator.CreateInstance(t)!;
        if (e.ValueKind != JsonValueKind.Object) throw new JsonException($"expected an object for {t.Name}");
        var properties = Properties(t);
        // A null leaves the field as a new object has it (a Site's spec stays an empty spec, not null), as Go's
        // encoding/json leaves a struct-valued field such as the CRD types' Spec when it reads null.
        foreach (var p in e.EnumerateObject())
            if (p.Value.ValueKind != JsonValueKind.Null && properties.FirstOrDefault(x => x.Name == p.Name) is { Property: { } property })
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
            case DateTime dt:
                w.WriteStringValue(dt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset dto:
                w.WriteStringValue(dto.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                break;
            case JsonElement je: je.WriteTo(w); break;
            // Before the collections: a JsonObject is also an IEnumerable of its properties.
            case JsonNode node: node.WriteTo(w); break;
            case byte[] bytes: w.WriteBase64StringValue(bytes); break;
            // As their converters write them: a number when the value is one, else the text; a quantity as its canonical text.
            case IntOrString ios when int.TryParse(ios.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number):
                w.WriteNumberValue(number);
                break;
            case IntOrString ios: w.WriteStringValue(ios.Value); break;
            case ResourceQuantity quantity: w.WriteStringValue(quantity.ToString()); break;
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
                foreach (var (name, property) in Properties(Model(value.GetType())))
                {
                    if (property.GetValue(value) is not { } v) continue;
                    w.WritePropertyName(name);
                    Write(w, v);
                }
                w.WriteEndObject();
                break;
        }
    }

    /// <summary>
    /// Where a type found at run time (a property's type, an object's) becomes one whose constructor and properties
    /// the trimming analysis can follow. The managed build trims nothing. The native build keeps every type that
    /// can reach here whole: the SDK's models and the KubernetesClient types they, <see cref="V1Secret"/> and the models
    /// of ResourceKinds hold (src/Native/Roots.xml; NativeJsonTests checks that list against the models).
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2068",
        Justification = "Only model types reach ModelJson, and the native build roots every one of them in src/Native/Roots.xml " +
                        "(checked by NativeJsonTests); the managed build is not trimmed.")]
    [return: DynamicallyAccessedMembers(ModelMembers)]
    private static Type Model(Type t) => t;

    /// <summary>
    /// The serialized properties, base class first (a status's common fields before its kind's own): named by <c>[JsonPropertyName]</c>,
    /// else camelCase.
    /// </summary>
    private static List<(string Name, PropertyInfo Property)> Properties(
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type t)
    {
        var result = t.BaseType is { } b && b != typeof(object) ? Properties(b) : [];
        foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            if (p.GetIndexParameters().Length > 0 || p.GetCustomAttribute<JsonIgnoreAttribute>() is not null) continue;
            if (!p.CanRead || !p.CanWrite) continue;
            var name = p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? char.ToLowerInvariant(p.Name[0]) + p.Name[1..];
            result.Add((name, p));
        }
        return result;
    }

    private static IList NewList(Type item) =>
        CompiledList(item)
        ?? (RuntimeFeature.IsDynamicCodeSupported ? (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(item))!
            : throw new NotSupportedException($"ModelJson has no list of {item} in the native build: add it to CompiledList"));

    private static IDictionary NewMap(Type value) =>
        CompiledMap(value)
        ?? (RuntimeFeature.IsDynamicCodeSupported
            ? (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), value))!
            : throw new NotSupportedException($"ModelJson has no map of {value} in the native build: add it to CompiledMap"));

    /// <summary>
    /// A list for a model's <c>IList&lt;T&gt;</c> made without <see cref="Type.MakeGenericType"/>, which NativeAOT
    /// does not promise to serve: one line per item type the models declare (NativeJsonTests fails when one is
    /// missing). Null for others, which only a third-party plugin's models have, in the managed build.
    /// </summary>
    internal static IList? CompiledList(Type item) =>
        item == typeof(string) ? new List<string>()
        : item == typeof(Endpoint) ? new List<Endpoint>()
        : item == typeof(NetworkSite) ? new List<NetworkSite>()
        : item == typeof(NetworkLink) ? new List<NetworkLink>()
        : item == typeof(V1Condition) ? new List<V1Condition>()
        : item == typeof(V1OwnerReference) ? new List<V1OwnerReference>()
        : item == typeof(V1ManagedFieldsEntry) ? new List<V1ManagedFieldsEntry>()
        : KindList(item);

    /// <summary>
    /// The lists of the models of <see cref="Sdk.Services.ResourceKinds"/>: a Service's, and a Deployment's with its pod template.
    /// </summary>
    private static IList? KindList(Type item) =>
        item == typeof(long?) ? new List<long?>()
        : item == typeof(int?) ? new List<int?>()
        : item == typeof(V1ServicePort) ? new List<V1ServicePort>()
        : item == typeof(V1LoadBalancerIngress) ? new List<V1LoadBalancerIngress>()
        : item == typeof(V1PortStatus) ? new List<V1PortStatus>()
        : item == typeof(V1DeploymentCondition) ? new List<V1DeploymentCondition>()
        : item == typeof(V1LabelSelectorRequirement) ? new List<V1LabelSelectorRequirement>()
        : item == typeof(V1Container) ? new List<V1Container>()
        : item == typeof(V1EphemeralContainer) ? new List<V1EphemeralContainer>()
        : item == typeof(V1ContainerPort) ? new List<V1ContainerPort>()
        : item == typeof(V1ContainerResizePolicy) ? new List<V1ContainerResizePolicy>()
        : item == typeof(V1ContainerRestartRule) ? new List<V1ContainerRestartRule>()
        : item == typeof(V1EnvVar) ? new List<V1EnvVar>()
        : item == typeof(V1EnvFromSource) ? new List<V1EnvFromSource>()
        : item == typeof(V1HTTPHeader) ? new List<V1HTTPHeader>()
        : item == typeof(Corev1ResourceClaim) ? new List<Corev1ResourceClaim>()
        : item == typeof(V1VolumeDevice) ? new List<V1VolumeDevice>()
        : item == typeof(V1VolumeMount) ? new List<V1VolumeMount>()
        : item == typeof(V1Volume) ? new List<V1Volume>()
        : item == typeof(V1VolumeProjection) ? new List<V1VolumeProjection>()
        : item == typeof(V1KeyToPath) ? new List<V1KeyToPath>()
        : item == typeof(V1DownwardAPIVolumeFile) ? new List<V1DownwardAPIVolumeFile>()
        : item == typeof(V1LocalObjectReference) ? new List<V1LocalObjectReference>()
        : item == typeof(V1HostAlias) ? new List<V1HostAlias>()
        : item == typeof(V1PodDNSConfigOption) ? new List<V1PodDNSConfigOption>()
        : item == typeof(V1PodReadinessGate) ? new List<V1PodReadinessGate>()
        : item == typeof(V1PodResourceClaim) ? new List<V1PodResourceClaim>()
        : item == typeof(V1PodSchedulingGate) ? new List<V1PodSchedulingGate>()
        : item == typeof(V1EvictionResponder) ? new List<V1EvictionResponder>()
        : item == typeof(V1Sysctl) ? new List<V1Sysctl>()
        : item == typeof(V1Toleration) ? new List<V1Toleration>()
        : item == typeof(V1TopologySpreadConstraint) ? new List<V1TopologySpreadConstraint>()
        : item == typeof(V1NodeSelectorTerm) ? new List<V1NodeSelectorTerm>()
        : item == typeof(V1NodeSelectorRequirement) ? new List<V1NodeSelectorRequirement>()
        : item == typeof(V1PreferredSchedulingTerm) ? new List<V1PreferredSchedulingTerm>()
        : item == typeof(V1PodAffinityTerm) ? new List<V1PodAffinityTerm>()
        : item == typeof(V1WeightedPodAffinityTerm) ? new List<V1WeightedPodAffinityTerm>()
        : null;

    /// <summary>A map for a model's <c>IDictionary&lt;string, T&gt;</c>, as <see cref="CompiledList"/>.</summary>
    internal static IDictionary? CompiledMap(Type value) =>
        value == typeof(string) ? new Dictionary<string, string>()
        : value == typeof(byte[]) ? new Dictionary<string, byte[]>()
        : value == typeof(ResourceQuantity) ? new Dictionary<string, ResourceQuantity>()
        : null;

    internal static Type? Dictionary(Type t)
    {
        if (!t.IsGenericType) return null;
        var def = t.GetGenericTypeDefinition();
        var args = t.GetGenericArguments();
        return (def == typeof(IDictionary<,>) || def == typeof(Dictionary<,>) || def == typeof(IReadOnlyDictionary<,>))
               && args[0] == typeof(string)
            ? args[1]
            : null;
    }

    internal static Type? Element(Type t)
    {
        if (t.IsArray) return null;
        if (!t.IsGenericType) return null;
        var def = t.GetGenericTypeDefinition();
        return def == typeof(IList<>) || def == typeof(List<>) || def == typeof(IEnumerable<>) || def == typeof(IReadOnlyList<>)
               || def == typeof(ICollection<>)
            ? t.GetGenericArguments()[0]
            : null;
    }
}
