namespace Skupper.Cli.Sdk;

public interface ISkupperPlugin
{
    void Register(object registrar);
}
