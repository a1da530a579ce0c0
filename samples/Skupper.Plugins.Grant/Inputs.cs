using Skupper.Cli.Sdk;

namespace Skupper.Plugins.Grant;

/// <summary>Reading grant.yaml values as the Go CLI reads flags; options themselves are read by the SDK (OptionValues).</summary>
internal static class Inputs
{
    /// <summary>A boolean as Go's strconv.ParseBool reads it, for values in grant.yaml.</summary>
    public static bool TryBoolean(string value, out bool result)
    {
        switch (value)
        {
            case "true" or "True" or "TRUE" or "t" or "T" or "1": result = true; return true;
            case "false" or "False" or "FALSE" or "f" or "F" or "0": result = false; return true;
            default: result = false; return false;
        }
    }
}
