using System.Text.Json;
using System.Text.Json.Serialization;
using Skupper.Cli.Sdk.Models;

namespace Skupper.Plugins.System.Resources;

/// <summary>
/// Any resource <c>system apply</c> takes, kept as given: its spec (a Secret's type and data) is carried through as JSON,
/// so that kinds the SDK has no model for (RouterAccess, SecuredAccess, MultiKeyListener) are written whole.
/// The native build keeps its properties for ModelJson (src/Native/Roots.xml).
/// </summary>
internal sealed class InputResource() : SkupperResource("")
{
    [JsonPropertyName("spec")] public JsonElement? Spec { get; set; }
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("data")] public JsonElement? Data { get; set; }
    [JsonPropertyName("stringData")] public JsonElement? StringData { get; set; }
    [JsonIgnore] public override ResourceStatus? CommonStatus => null;
}
