using System.Text.Json.Nodes;

namespace Skupper.Sandbox;

/// <summary>
/// A failed API call, carrying the Kubernetes <c>Status</c> object the server answers with.
/// Thrown by the store and the router; the router turns it into the HTTP response.
/// </summary>
public sealed class ApiException(int code, string reason, string message, JsonObject? details = null) : Exception(message)
{
    public int Code { get; } = code;
    public string Reason { get; } = reason;
    public JsonObject? Details { get; } = details;

    /// <summary>The <c>kind: Status</c> body a real API server would send.</summary>
    public JsonObject ToStatus() => Status.Failure(Code, Reason, Message, Details);

    public static ApiException NotFound(ResourceType type, string name) =>
        new(404, "NotFound", $"{type.QualifiedResource} \"{name}\" not found", type.Details(name));

    public static ApiException NamespaceNotFound(string ns) =>
        new(404, "NotFound", $"namespaces \"{ns}\" not found", new JsonObject { ["name"] = ns, ["kind"] = "namespaces" });

    public static ApiException NoSuchResource() =>
        new(404, "NotFound", "the server could not find the requested resource", new JsonObject());

    public static ApiException AlreadyExists(ResourceType type, string name) =>
        new(409, "AlreadyExists", $"{type.QualifiedResource} \"{name}\" already exists", type.Details(name));

    public static ApiException Conflict(ResourceType type, string name) =>
        new(409, "Conflict",
            $"Operation cannot be fulfilled on {type.QualifiedResource} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            type.Details(name));

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException MethodNotAllowed() =>
        new(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", new JsonObject());

    /// <summary>
    /// 422 with every field cause, as apimachinery's errors.NewInvalid words it: one error as it is, several as
    /// <c>[a, b]</c> (field.ErrorList.ToAggregate).
    /// </summary>
    public static ApiException Invalid(ResourceType type, string name, IReadOnlyList<(string Field, string Reason, string Detail)> errors)
    {
        if (errors.Count == 1) return Invalid(type, name, errors[0].Field, errors[0].Reason, errors[0].Detail);
        var details = new JsonObject
        {
            ["name"] = name,
            ["group"] = type.Group,
            ["kind"] = type.Kind,
            ["causes"] = new JsonArray(errors
                .Select(e => (JsonNode)new JsonObject { ["reason"] = e.Reason, ["message"] = e.Detail, ["field"] = e.Field }).ToArray()),
        };
        if (type.Group.Length == 0) details.Remove("group");
        var all = string.Join(", ", errors.Select(e => $"{e.Field}: {e.Detail}"));
        return new ApiException(422, "Invalid", $"{type.QualifiedKind} \"{name}\" is invalid: [{all}]", details);
    }

    /// <summary>422 with one field cause, worded like apimachinery's field.ErrorList.</summary>
    public static ApiException Invalid(ResourceType type, string name, string field, string causeReason, string detail)
    {
        var details = new JsonObject
        {
            ["name"] = name,
            ["group"] = type.Group,
            ["kind"] = type.Kind,
            ["causes"] = new JsonArray(new JsonObject { ["reason"] = causeReason, ["message"] = detail, ["field"] = field }),
        };
        if (type.Group.Length == 0) details.Remove("group");
        return new ApiException(422, "Invalid", $"{type.QualifiedKind} \"{name}\" is invalid: {field}: {detail}", details);
    }
}

/// <summary>Builds <c>meta/v1 Status</c> objects.</summary>
public static class Status
{
    public static JsonObject Failure(int code, string reason, string message, JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details != null) status["details"] = details;
        status["code"] = code;
        return status;
    }

    public static JsonObject Success(ResourceType type, string name) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
        ["details"] = type.Details(name),
    };
}
