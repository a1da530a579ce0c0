using Skupper.Cli.Sdk;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Skupper.Plugins.Grant;

/// <summary>
/// The user's defaults for this plugin, from <c>$XDG_CONFIG_HOME/skupper/grant.yaml</c> (default
/// <c>~/.config/skupper/grant.yaml</c>); flags given on the command line win:
/// <code>
/// delete:
///   wait: false      # like --wait=false
///   timeout: 2m      # like --timeout 2m
/// </code>
/// Read with the plugin's own YamlDotNet (16.3.0), which is not the host's (18.1.0): each plugin
/// loads its private dependencies in its own load context.
/// </summary>
internal sealed record GrantDefaults(bool? DeleteWait, TimeSpan? DeleteTimeout)
{
    public static string FilePath
    {
        get
        {
            var config = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
            if (string.IsNullOrEmpty(config))
                config = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
            return Path.Combine(config, "skupper", "grant.yaml");
        }
    }

    /// <summary>The defaults; none when the file does not exist. Problems name the file and the line.</summary>
    public static GrantDefaults Read(List<string> problems)
    {
        var path = FilePath;
        if (!File.Exists(path)) return new GrantDefaults(null, null);
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            problems.Add($"{path}: line {e.Start.Line}: {e.InnerException?.Message ?? e.Message}");
            return new GrantDefaults(null, null);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root ||
            !root.Children.TryGetValue(new YamlScalarNode("delete"), out var deleteNode))
            return new GrantDefaults(null, null);
        if (deleteNode is not YamlMappingNode delete)
        {
            problems.Add($"{path}: line {deleteNode.Start.Line}: \"delete\" must hold settings such as \"wait: false\"");
            return new GrantDefaults(null, null);
        }

        bool? wait = null;
        TimeSpan? timeout = null;
        foreach (var (keyNode, valueNode) in delete.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value;
            var value = (valueNode as YamlScalarNode)?.Value ?? "";
            var where = $"{path}: line {keyNode.Start.Line}";
            switch (key)
            {
                case "wait":
                    if (Inputs.TryBoolean(value, out var w)) wait = w;
                    else problems.Add($"{where}: invalid value \"{value}\" for wait: use true or false");
                    break;
                case "timeout":
                    if (GoDuration.TryParse(value, out var t, out var error) && t > TimeSpan.Zero) timeout = t;
                    else
                    {
                        var why = t <= TimeSpan.Zero && error.Length == 0 ? "it must be greater than zero" : error;
                        problems.Add($"{where}: invalid value \"{value}\" for timeout: {why}");
                    }
                    break;
                default:
                    problems.Add($"{where}: unknown setting \"{key}\" (use wait or timeout)");
                    break;
            }
        }
        return new GrantDefaults(wait, timeout);
    }
}
