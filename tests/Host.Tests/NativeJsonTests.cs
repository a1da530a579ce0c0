using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Xml.Linq;
using k8s;
using k8s.Models;
using Shouldly;
using Skupper.Cli.Host.Services;
using Skupper.Cli.Sdk.Models;
using Skupper.Cli.Sdk.Services;
using Xunit;

namespace Skupper.Cli.Host.Tests;

/// <summary>
/// The native build has no reflection-based serializer: where the managed build uses KubernetesJson or
/// JsonSerializer, it uses ModelJson and JsonEncodedText. These compare the two on what the bundled commands hand
/// over, and check that the native build keeps every type ModelJson reaches (src/Native/Roots.xml) and makes every
/// collection of the models without generating code at run time.
/// </summary>
public class NativeJsonTests
{
    private static T FromKubernetesJson<T>(string json) => KubernetesJson.Deserialize<T>(json);

    /// <summary>The text, as JsonNode writes it again: Render parses what it is given, and a patch is read by the server.</summary>
    private static string Normal(string json) => JsonNode.Parse(json)!.ToJsonString();

    /// <summary>What the bundled commands hand over that KubernetesJson wrote, and that ModelJson writes in the native build.</summary>
    public static TheoryData<string, object> WhatKubernetesJsonWrites() => new()
    {
        // link generate
        { "a Secret", new V1Secret
        {
            ApiVersion = "v1", Kind = "Secret", Metadata = new V1ObjectMeta { Name = "link-west", Labels = new Dictionary<string, string> { ["a"] = "<b>" } },
            Type = "kubernetes.io/tls",
            Data = new Dictionary<string, byte[]> { ["ca.crt"] = Encoding.ASCII.GetBytes("-----BEGIN CERTIFICATE-----\n"), ["tls.crt"] = [0, 1, 254, 255], ["tls.key"] = [] },
        } },
        // link update, listener and connector update
        { "a JsonObject merge patch", new JsonObject { ["spec"] = new JsonObject { ["cost"] = 3, ["tlsCredentials"] = "té", ["settings"] = null } } },
    };

    [Theory]
    [MemberData(nameof(WhatKubernetesJsonWrites))]
    public void ModelJson_writes_what_KubernetesJson_wrote(string what, object value)
    {
        Normal(ModelJson.Write(value)).ShouldBe(Normal(KubernetesJson.Serialize(value)), what);
        ResourceText.Render(JsonNode.Parse(ModelJson.Write(value))!, "yaml").ShouldBe(ResourceText.Render(value, "yaml"), what);
    }

    [Fact]
    public void ModelJson_reads_a_secret_as_KubernetesJson_did()
    {
        const string secret = """
            {"apiVersion":"v1","kind":"Secret","metadata":{"name":"link-west","namespace":"west","labels":{"a":"b"},"creationTimestamp":"2024-05-01T10:20:30Z"},
             "type":"kubernetes.io/tls","immutable":false,"data":{"ca.crt":"Y2EK","tls.crt":"AAH+/w==","tls.key":""}}
            """;
        using var doc = JsonDocument.Parse(secret);
        var read = ModelJson.Read<V1Secret>(doc.RootElement);
        KubernetesJson.Serialize(read).ShouldBe(KubernetesJson.Serialize(FromKubernetesJson<V1Secret>(secret)));
        read.Data["tls.crt"].ShouldBe(new byte[] { 0, 1, 254, 255 });
    }

    [Fact]
    public void ModelJson_reads_a_token_as_KubernetesJson_did()
    {
        const string token = """
            {"apiVersion":"skupper.io/v2alpha1","kind":"AccessToken","metadata":{"name":"west-6bfn6","labels":{"team":"blue"},"annotations":{"by":"ci"}},
             "spec":{"url":"https://10.0.0.1:8443/c0a8","code":"x7Yq","ca":"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n","linkCost":3,"settings":{"k":"v"}}}
            """;
        using var doc = JsonDocument.Parse(token);
        KubernetesJson.Serialize(ModelJson.Read<AccessToken>(doc.RootElement)).ShouldBe(KubernetesJson.Serialize(FromKubernetesJson<AccessToken>(token)));
    }

    [Theory]
    [InlineData("plain-code-1234")]
    [InlineData("<script>&'\"\\/\n\t\u0001\u007f")]
    [InlineData("\u2028é€😀")]
    [InlineData("lone \ud800 surrogate")]
    public void JsonEncodedText_escapes_as_JsonSerializer_did(string text)
    {
        // Redactor masks the escaped form of a code, and an exec plugin reads its apiVersion: the same text as before.
        static string Outcome(Func<string> f)
        {
            try { return f(); }
            catch (Exception e) { return e.GetType().Name; }
        }
        Outcome(() => '"' + JsonEncodedText.Encode(text).Value + '"').ShouldBe(Outcome(() => JsonSerializer.Serialize(text)));
    }

    [Fact]
    public void The_native_build_keeps_every_type_ModelJson_reaches_and_compiles_every_collection()
    {
        var reached = new HashSet<Type>();
        var collections = new List<string>();
        var models = typeof(SkupperResource).Assembly.GetExportedTypes().Where(t => t.IsSubclassOf(typeof(SkupperResource)) && !t.IsAbstract);
        foreach (var model in models.Concat(KindModels()).Append(typeof(V1Secret))) Walk(model);

        void Walk(Type type)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (type.IsPrimitive || type == typeof(string) || type == typeof(object) || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(byte[])) return;
            // Read and written as scalars, as their converters do (ModelJson's own cases), never by their properties.
            if (type == typeof(IntOrString) || type == typeof(ResourceQuantity)) return;
            if (ModelJson.Dictionary(type) is { } value)
            {
                if (ModelJson.CompiledMap(value) is null) collections.Add($"IDictionary<string, {value.Name}>");
                Walk(value);
                return;
            }
            if (ModelJson.Element(type) is { } item)
            {
                if (ModelJson.CompiledList(item) is null) collections.Add($"IList<{item.Name}>");
                Walk(item);
                return;
            }
            if (!reached.Add(type)) return;
            for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
            {
                reached.Add(t);
                foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                    if (p is { CanRead: true, CanWrite: true } && p.GetCustomAttribute<JsonIgnoreAttribute>() is null) Walk(p.PropertyType);
            }
        }

        collections.ShouldBeEmpty("ModelJson.CompiledList/CompiledMap must make these without MakeGenericType");
        var roots = XDocument.Load(Path.Combine(RepoRoot(), "src", "Native", "Roots.xml")).Root!.Elements("assembly").ToList();
        var rootedTypes = roots.SelectMany(a => a.Elements("type")).Select(t => (string)t.Attribute("fullname")!).ToHashSet();
        var rootedNamespaces = roots.SelectMany(a => a.Elements("namespace")).Select(n => (string)n.Attribute("fullname")!).ToHashSet();
        reached.Where(t => !rootedTypes.Contains(t.FullName!) && !rootedNamespaces.Contains(t.Namespace!))
            .Select(t => t.FullName).Order(StringComparer.Ordinal).ShouldBeEmpty("src/Native/Roots.xml must keep these for ModelJson");
        reached.ShouldContain(typeof(V1ManagedFieldsEntry)); // the walk reaches into KubernetesClient's models
        reached.ShouldContain(typeof(V1PodSpec)); // and into the models of ResourceKinds, a Deployment's pod template included
    }

    /// <summary>The model of every kind <see cref="ResourceKinds"/> offers: what a bundled plugin may read through it.</summary>
    private static IEnumerable<Type> KindModels() =>
        typeof(ResourceKinds).GetProperties(BindingFlags.Public | BindingFlags.Static)
            .Select(p => p.PropertyType)
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(ResourceKind<>))
            .Select(t => t.GetGenericArguments()[0]);

    /// <summary>What a plugin reads of the core and apps kinds, as the API server writes them.</summary>
    public static TheoryData<string, Type, string> KindObjects() => new()
    {
        { "a ConfigMap", typeof(V1ConfigMap), """
            {"apiVersion":"v1","kind":"ConfigMap",
             "metadata":{"name":"app","namespace":"west","resourceVersion":"7","uid":"u-1","creationTimestamp":"2024-05-01T10:20:30Z",
              "labels":{"a":"b"}},
             "data":{"k":"v","e":""},"binaryData":{"bin":"AAH+/w=="},"immutable":true}
            """ },
        { "a Service", typeof(V1Service), """
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"db"},"spec":{"selector":{"app":"db"},"type":"ClusterIP",
             "ports":[{"name":"pg","port":5432,"targetPort":5432,"protocol":"TCP"},{"name":"web","port":80,"targetPort":"http"}],
             "clusterIP":"10.0.0.7","clusterIPs":["10.0.0.7"],"ipFamilies":["IPv4"],"sessionAffinity":"None"},
             "status":{"loadBalancer":{"ingress":[{"ip":"1.2.3.4","ports":[{"port":80,"protocol":"TCP"}]}]}}}
            """ },
        { "a Deployment", typeof(V1Deployment), """
            {"apiVersion":"apps/v1","kind":"Deployment",
             "metadata":{"name":"web","generation":3,"annotations":{"deployment.kubernetes.io/revision":"2"}},
             "spec":{"replicas":2,
              "selector":{"matchLabels":{"app":"web"},"matchExpressions":[{"key":"tier","operator":"In","values":["a","b"]}]},
              "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":1}},
              "revisionHistoryLimit":10,"progressDeadlineSeconds":600,
              "template":{"metadata":{"labels":{"app":"web"}},"spec":{
               "containers":[{"name":"web","image":"nginx:1.27","args":["-g","daemon off;"],"ports":[{"containerPort":80,"name":"http"}],
                "env":[{"name":"A","value":"1"},{"name":"B","valueFrom":{"configMapKeyRef":{"name":"app","key":"k"}}}],
                "resources":{"limits":{"cpu":"500m","memory":"128Mi"},"requests":{"cpu":"1000m","memory":"1Gi"}},
                "readinessProbe":{"httpGet":{"path":"/","port":"http"},"periodSeconds":5},
                "volumeMounts":[{"name":"conf","mountPath":"/etc/app"}]}],
               "volumes":[{"name":"conf","configMap":{"name":"app","items":[{"key":"k","path":"k.conf"}]}}],
               "securityContext":{"supplementalGroups":[1000,2000]},
               "tolerations":[{"key":"k","operator":"Exists","effect":"NoSchedule"}]}}},
             "status":{"observedGeneration":3,"replicas":2,"updatedReplicas":2,"readyReplicas":2,"availableReplicas":2,
              "conditions":[{"type":"Available","status":"True",
               "lastUpdateTime":"2024-05-01T10:20:30Z","lastTransitionTime":"2024-05-01T10:20:30Z",
               "reason":"MinimumReplicasAvailable","message":"Deployment has minimum availability."}]}}
            """ },
    };

    [Theory]
    [MemberData(nameof(KindObjects))]
    public void ModelJson_reads_and_writes_the_kinds_of_ResourceKinds_as_KubernetesJson_does(string what, Type type, string json)
    {
        using var doc = JsonDocument.Parse(json);
        var read = typeof(ModelJson).GetMethod(nameof(ModelJson.Read))!.MakeGenericMethod(type).Invoke(null, [doc.RootElement])!;
        var expected = typeof(NativeJsonTests).GetMethod(nameof(FromKubernetesJson), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type).Invoke(null, [json])!;
        Normal(KubernetesJson.Serialize(read)).ShouldBe(Normal(KubernetesJson.Serialize(expected)), what + ", read");
        Normal(ModelJson.Write(read)).ShouldBe(Normal(KubernetesJson.Serialize(expected)), what + ", written");
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SkupperPlugin.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
