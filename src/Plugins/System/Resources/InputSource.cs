using Skupper.Cli.Sdk;

namespace Skupper.Plugins.System.Resources;

/// <summary>
/// The <c>-f FILE|-</c> of <c>system apply</c> and <c>system delete</c> and the resources it holds, and where each one's
/// file is: <c>&lt;Kind&gt;-&lt;name&gt;.yaml</c> in the namespace's <c>input/resources</c>, as the Go CLI's handlers name
/// them (internal/nonkube/client/fs/custom_resource_handler.go, WriteFile).
/// </summary>
internal sealed class InputSource(ICommandDeclaration command, string verb)
{
    private readonly IOption<string?> _file = command.Option("-f|--filename <FILE>",
        "The YAML or JSON file of resources, several documents allowed; - reads standard input.", Parsers.InputFile(standardInput: true));

    public async Task<IReadOnlyList<InputResource>> ReadAsync(ICommandContext context, Problems problems,
        CancellationToken cancellationToken)
    {
        var file = _file.Get(problems);
        if (file is null)
        {
            if (!_file.HasValue())
                problems.Usage(
                    $"a file of resources must be given: {context.InvocationName} system {verb} -f FILE, or -f - for standard input");
            return [];
        }
        string text;
        if (file == FileArguments.Standard)
        {
            using var reader = new StreamReader(context.Input, leaveOpen: true);
            text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
        else text = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
        var source = file == FileArguments.Standard ? "standard input" : Printable.Path(file);
        return InputDocuments.Read(text, source, context.Namespace, context.Output, problems);
    }

    public static string PathOf(NamespaceHome home, InputResource resource) => home.InputResource(resource.Kind, resource.Name);
}
