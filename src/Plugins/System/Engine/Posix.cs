namespace Skupper.Plugins.System.Engine;

/// <summary>The process's user and group ids, read from <c>/proc/self/status</c> (no native call to declare).</summary>
internal static class Posix
{
    public static string Uid => Field("Uid:");
    public static string Gid => Field("Gid:");

    private static string Field(string name)
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal));
            return line?.Split('\t', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) ?? "0";
        }
        catch (IOException)
        {
            return "0";
        }
    }
}
