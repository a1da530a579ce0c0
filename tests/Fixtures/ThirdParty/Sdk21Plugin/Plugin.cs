using k8s.Models;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Services;

namespace Contoso.Skupper.Notes;

// Notes kept as ConfigMaps: `notes save NAME [WORDS...]` and `notes show [NAME]`, written only with what SDK 2.1
// offers a third party, so that a later SDK or host that broke any of it fails this plugin's tests.
public sealed class NotesPlugin : ISkupperPlugin
{
    public void Register(ICommandRegistrar registrar)
    {
        var group = registrar.Group("notes", "Notes kept in the cluster as ConfigMaps.");
        registrar.Add(group, new SaveCommand());
        registrar.Add(group, new ShowCommand());
    }

    internal static IResourceClient<V1ConfigMap> Notes(ICommandContext context) => context.Cluster.Resources(ResourceKinds.ConfigMap);
}

/// <summary>Saves a note: its words become the ConfigMap's "text", with the labels and annotations given.</summary>
public sealed class SaveCommand : SkupperCommand<SaveCommand.Run>
{
    public sealed record Run(string Name, string Text, IReadOnlyDictionary<string, string> Labels,
        IReadOnlyDictionary<string, string> Annotations, OutputFormat? Format)
    {
        public V1ConfigMap? Saved { get; set; }
    }

    private IArgument<string?> _name = null!;
    private IArgumentValue _words = null!;
    private IOption<IReadOnlyDictionary<string, string>> _labels = null!;
    private IOption<IReadOnlyDictionary<string, string>> _annotations = null!;
    private IOption<string?> _format = null!;
    private OutputOptions _output = null!;

    public override string Name => "save";
    public override string Description => "Save a note.";
    public override IReadOnlyList<Platform> Platforms => [Platform.Kubernetes];

    public override void Configure(ICommandDeclaration command)
    {
        _name = command.Argument("name", "The note's name.", Parsers.KubernetesName(), required: true);
        _words = command.Argument("words", "The note's words; after -- they may start with a dash.", multipleValues: true);
        _labels = command.Option("--label <LABEL>", "A label, key=value; repeat for more.", Parsers.Labels());
        _annotations = command.Option("--annotation <ANNOTATION>", "An annotation, key=value; repeat for more.", Parsers.Annotations());
        _format = command.Option("--case <CASE>", "How to write the words.", Parsers.Choice(["as-given", "upper"], "as-given"));
        _output = new OutputOptions(command);
    }

    protected override Task<Run?> ValidateAsync(ICommandContext context, Problems problems, CancellationToken cancellationToken)
    {
        var name = _name.Get(problems);
        var labels = _labels.Get(problems);
        var annotations = _annotations.Get(problems);
        var text = string.Join(" ", _words.Values.OfType<string>());
        if (_format.Get(problems) == "upper") text = text.ToUpperInvariant();
        var format = _output.Read(problems);
        return Task.FromResult(problems.Any || name is null ? null : new Run(name, text, labels, annotations, format));
    }

    protected override async Task ActAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken)
    {
        run.Saved = await NotesPlugin.Notes(context).CreateAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta
            {
                Name = run.Name,
                Labels = run.Labels.ToDictionary(),
                Annotations = run.Annotations.ToDictionary(),
            },
            Data = new Dictionary<string, string> { ["text"] = run.Text },
        }, cancellationToken);
    }

    protected override void Report(ICommandContext context, Run run)
    {
        if (run.Format is { } format) format.Write(context.Output, run.Saved!);
        else context.Output.Out.WriteLine($"Note {run.Name} saved.");
    }
}

/// <summary>Shows one note, or every note of the namespace, in the form -o asks for.</summary>
public sealed class ShowCommand : SkupperCommand<ShowCommand.Run>
{
    public sealed record Run(string? Name, OutputFormat? Format, bool Export)
    {
        public IReadOnlyList<V1ConfigMap> Found { get; set; } = [];
    }

    private IArgument<string?> _name = null!;
    private IOption<bool> _export = null!;
    private OutputOptions _output = null!;

    public override string Name => "show";
    public override string Description => "Show notes.";
    public override IReadOnlyList<Platform> Platforms => [Platform.Kubernetes];

    public override void Configure(ICommandDeclaration command)
    {
        _name = command.Argument("name", "The note's name; all notes when left out.", Parsers.KubernetesName());
        _export = command.Option("--export", "Leave out what the server manages.", Parsers.Boolean());
        _output = new OutputOptions(command);
    }

    protected override Task<Run?> ValidateAsync(ICommandContext context, Problems problems, CancellationToken cancellationToken)
    {
        var run = new Run(_name.Get(problems), _output.Read(problems), _export.Get(problems));
        return Task.FromResult(problems.Any ? null : run);
    }

    protected override async Task ActAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken)
    {
        var notes = NotesPlugin.Notes(context);
        if (run.Name is not { } name)
        {
            run.Found = await notes.ListAsync(cancellationToken);
            return;
        }
        var note = await notes.GetAsync(name, cancellationToken)
                   ?? throw new SkupperException($"note \"{name}\" not found in namespace \"{context.Namespace}\"");
        run.Found = [note];
    }

    protected override void Report(ICommandContext context, Run run)
    {
        if (run.Format is not { } format)
            foreach (var note in run.Found) context.Output.Out.WriteLine(run.Name is null ? $"{note.Metadata.Name}: {note.Data?["text"]}" : note.Data?["text"]);
        else if (run.Name is null) format.WriteList(context.Output, run.Found, run.Export);
        else format.Write(context.Output, run.Found[0], run.Export);
    }
}
