namespace Skupper.Plugins.System;

/// <summary>The version the router's metadata and the site's status carry: this plugin's.</summary>
internal static class Versions
{
    public static string Skupper => typeof(Versions).Assembly.GetName().Version?.ToString(3) ?? "unknown";
}
