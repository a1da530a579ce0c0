namespace Skupper.Cli.Sdk.Services;

/// <summary>Selects the platform: <c>--platform</c> &gt; <c>SKUPPER_PLATFORM</c> &gt; kubernetes.</summary>
public interface IPlatformSelector
{
    /// <summary>The platform selected; an unknown value is a usage error listing the choices.</summary>
    Platform Select();
}
