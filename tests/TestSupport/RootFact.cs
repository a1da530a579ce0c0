using Xunit;

namespace Skupper.Cli.TestSupport;

/// <summary>
/// A test that needs root: giving a file to another account (chown), or a private mount namespace (unshare) to
/// stand in for the machine's /var/lib. Skipped otherwise; CI runs the tests as root, so there it always runs.
/// </summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!Environment.IsPrivilegedProcess)
            Skip = "needs root (chown to another account, or a private mount namespace); CI runs the tests as root";
    }
}
