namespace Skupper.Cli.Sdk.Services;

/// <summary>
/// The two ways the Skupper tools write YAML, for <see cref="IOutput.RenderYaml"/>. Both quote scalars by one rule
/// (see there). Added in SDK 2.1.
/// </summary>
public enum YamlStyle
{
    /// <summary>
    /// As <c>kubectl get -o yaml</c> prints a resource: every field in the order the model gives, block style,
    /// multi-line strings (a CA) as literal blocks, nulls written as <c>null</c>.
    /// </summary>
    Kubectl,

    /// <summary>
    /// As the Skupper Go CLI writes a resource file on Docker, Podman and Linux (encode.go, Encode "yaml", through
    /// sigs.k8s.io/yaml): keys sorted, and zero values (null, "", 0, false, empty maps and lists) left out of maps.
    /// </summary>
    GoCli,
}
