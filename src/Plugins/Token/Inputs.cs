using Skupper.Cli.Sdk;

namespace Skupper.Plugins.Token;

/// <summary>Checks of command-line values shared by token issue and token redeem; each adds a problem instead of throwing.</summary>
internal static class Inputs
{
    /// <summary>The file name that means standard output (issue) or standard input (redeem), as for cat and kubectl apply -f.</summary>
    public const string Standard = "-";

    /// <summary>
    /// The namespace, read only once the command's own inputs are checked: reading it may read
    /// the kubeconfig, and a bad kubeconfig is then reported together with the other problems.
    /// </summary>
    public static string Namespace(ICommandContext context, Problems problems)
    {
        try
        {
            return context.Namespace;
        }
        catch (SkupperException e)
        {
            if (e.ExitCode == ExitCodes.Usage) problems.Usage(e.Message);
            else problems.Failure(e.Message);
            problems.ThrowIfAny();
            throw;
        }
    }

    /// <summary>
    /// The one file argument: present, not empty, single. Returns its full path, <see cref="Standard"/>
    /// as it is (a file named "-" is written "./-"), or null after adding a problem.
    /// </summary>
    public static string? SingleFile(IArgumentValue argument, string what, string usage, Problems problems)
    {
        var values = argument.Values.Where(v => v is not null).Select(v => v!).ToList();
        switch (values.Count)
        {
            case 0:
                problems.Usage($"a {what} must be given: {usage}");
                return null;
            case > 1:
                problems.Usage($"only one {what} can be given, not {values.Count}: {Printable.Escape(string.Join(" ", values))}");
                return null;
        }
        if (string.IsNullOrWhiteSpace(values[0]))
        {
            problems.Usage($"the {what} name must not be empty: {usage}");
            return null;
        }
        if (values[0] == Standard) return Standard;
        try
        {
            return Path.GetFullPath(values[0]);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            problems.Usage($"\"{Printable.Path(values[0])}\" is not a usable {what} path: {e.Message}");
            return null;
        }
    }

    /// <summary>
    /// Where <c>token issue</c> writes: a file that can be created, or "-" for standard output, refused
    /// on a terminal unless forced.
    /// </summary>
    public static string? TokenDestination(IArgumentValue argument, bool force, ICommandContext context, string invocationName, Problems problems)
    {
        var file = SingleFile(argument, "token file", $"{invocationName} token issue <file>", problems);
        if (file == Standard)
        {
            // A token on screen is a secret in the scroll-back and over the shoulder.
            if (context.Output.OutIsTerminal && !force)
                problems.Usage("refusing to write the token to standard output: it is a terminal and the token holds a secret; " +
                               $"pipe it (\"| {invocationName} token redeem -\"), redirect it to a file, or add --force");
            return file;
        }
        if (file is not null) CheckCreatable(file, problems);
        if (force) problems.Usage("--force applies only to \"-\" (the token written to standard output)");
        return file;
    }

    /// <summary>
    /// The file can be created (or replaced) at <paramref name="path"/>: it is not a folder, and its
    /// folder exists and takes new files. Probed with a throwaway file, because permission bits alone
    /// do not tell (ACLs, read-only mounts, root).
    /// </summary>
    public static void CheckCreatable(string path, Problems problems)
    {
        if (Directory.Exists(path))
        {
            problems.Usage($"token file \"{Printable.Path(path)}\" is a directory: give the path of a file to create");
            return;
        }
        var folder = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder))
        {
            problems.Usage($"cannot create token file \"{Printable.Path(path)}\": folder \"{Printable.Path(folder)}\" does not exist");
            return;
        }
        var probe = Path.Combine(folder, $".skupper-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Usage($"cannot create token file \"{Printable.Path(path)}\": folder \"{Printable.Path(folder)}\" is not writable ({e.Message.TrimEnd('.')})");
        }
    }

    /// <summary>The time left of an overall deadline, never negative.</summary>
    public static TimeSpan Remaining(TimeSpan timeout, System.Diagnostics.Stopwatch clock)
    {
        var left = timeout - clock.Elapsed;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>
    /// A failed list may mean Skupper is absent; only then is discovery asked, so the usual path
    /// makes no extra request and an absent API is named as such, never as a 404.
    /// </summary>
    public static async Task<string> ExplainAsync(ICommandContext context, SkupperException failure, CancellationToken cancellationToken)
    {
        try
        {
            await context.Cluster.EnsureSkupperInstalledAsync(cancellationToken).ConfigureAwait(false);
            return failure.Message;
        }
        catch (SkupperException notInstalled)
        {
            return notInstalled.Message;
        }
    }
}
