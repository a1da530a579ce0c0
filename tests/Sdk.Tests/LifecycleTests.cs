using System.Text.Json.Nodes;
using Shouldly;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Services;
using Xunit;

namespace Skupper.Cli.Sdk.Tests;

/// <summary>
/// <see cref="SkupperCommand{TRun}"/> runs a command's steps in the lifecycle's order, undoes on
/// failure and turns hook failures into the errors and exit codes the host reports.
/// </summary>
public class LifecycleTests
{
    [Fact]
    public async Task The_steps_run_in_order_with_one_progress_line_and_the_hooks_see_the_run()
    {
        var command = new RecordingCommand();
        var context = new FakeContext(command.Steps) { HookedEvents = { "test.do.before", "test.do.after" } };

        (await command.ExecuteAsync(context, default)).ShouldBe(ExitCodes.Success);

        command.Steps.ShouldBe(["validate", "hook test.do.before {\"value\":1}", "apply 2", "act", "wait", "write", "report 2",
            "hook test.do.after {\"value\":2}"]);
        context.Err.ToString().ShouldBe("Waiting...\n"); // asked for by act and wait, shown once
        context.ProgressEnded.ShouldBe(1);
    }

    [Fact]
    public async Task Without_hooks_for_its_events_no_hook_runs()
    {
        var command = new RecordingCommand();
        await command.ExecuteAsync(new FakeContext(command.Steps), default);
        command.Steps.ShouldBe(["validate", "act", "wait", "write", "report 1"]);
    }

    [Fact]
    public async Task Every_validation_problem_is_reported_together_and_nothing_runs()
    {
        var command = new RecordingCommand { Problems = p => { p.Failure("no site"); p.Usage("bad --x"); } };
        var e = await Should.ThrowAsync<SkupperException>(() => command.ExecuteAsync(new FakeContext(command.Steps) { HookedEvents = { "test.do.before" } }, default));
        e.Message.ShouldBe("bad --x" + Environment.NewLine + "no site");
        e.ExitCode.ShouldBe(ExitCodes.Usage);
        command.Steps.ShouldBe(["validate"]);
    }

    [Fact]
    public async Task A_refusing_before_hook_stops_the_command_before_it_acts()
    {
        var command = new RecordingCommand();
        var context = new FakeContext(command.Steps) { HookedEvents = { "test.do.before" }, FailingHook = "test.do.before" };
        var e = await Should.ThrowAsync<SkupperException>(() => command.ExecuteAsync(context, default));
        e.Message.ShouldBe("hook refused test.do.before");
        e.ExitCode.ShouldBe(ExitCodes.Failure);
        command.Steps.ShouldBe(["validate", "hook test.do.before {\"value\":1}"]);
    }

    [Fact]
    public async Task Hook_changes_read_through_the_typed_view_are_checked_together_before_acting_naming_each_hook_and_masking_codes()
    {
        var command = new LabellingCommand();
        var context = new FakeContext(command.Steps)
        {
            HookedEvents = { "test.label.before" },
            HookResult = before => new JsonObject
            {
                ["code"] = before["code"]!.DeepClone(),
                ["labels"] = new JsonObject { ["team"] = "blue", ["s3cret x"] = "v" },
                ["count"] = 0,
                ["setBy"] = new JsonObject { ["labels"] = "/hooks/policy.js", ["count"] = "/hooks/limits.js" },
            },
        };

        var e = await Should.ThrowAsync<SkupperException>(() => command.ExecuteAsync(context, default));

        e.Message.ShouldBe(
            "hook /hooks/policy.js (test.label.before) set labels key \"[redacted] x\": name part must consist of alphanumeric " +
            "characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
            "(e.g. 'MyName', or 'my.name', or '123-abc')" +
            Environment.NewLine + "hook /hooks/limits.js (test.label.before) set count to a number that is not a whole number from 1 to 5");
        e.ExitCode.ShouldBe(ExitCodes.Failure);
        command.Steps.ShouldBe(["hook test.label.before {\"code\":\"s3cret\",\"labels\":{},\"count\":1}", "apply"]); // nothing acted
    }

    /// <summary>A command whose before-hook context holds a code and whose hooks may set labels and a count.</summary>
    private sealed class LabellingCommand : SkupperCommand<Dictionary<string, string>>
    {
        public List<string> Steps { get; } = [];
        public override string Name => "label";
        public override string Description => "Labels it.";
        public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

        public override void Configure(ICommandDeclaration command)
        {
        }

        protected override Task<Dictionary<string, string>?> ValidateAsync(ICommandContext context, Problems problems,
            CancellationToken cancellationToken) => Task.FromResult<Dictionary<string, string>?>([]);

        protected override (string Event, JsonObject Context)? BeforeHook(Dictionary<string, string> run) =>
            ("test.label.before", new JsonObject { ["code"] = "s3cret", ["labels"] = new JsonObject(), ["count"] = 1 });

        protected override void ApplyBeforeHook(Dictionary<string, string> run, HookChanges changes)
        {
            Steps.Add("apply");
            changes.Labels("labels", run);
            changes.Integer("count", 1, 5);
        }

        protected override Task ActAsync(ICommandContext context, Dictionary<string, string> run, CommandSteps steps,
            CancellationToken cancellationToken)
        {
            Steps.Add("act");
            return Task.CompletedTask;
        }

        protected override void Report(ICommandContext context, Dictionary<string, string> run) => Steps.Add("report");
    }

    [Fact]
    public async Task A_later_failure_undoes_what_was_made_newest_first_and_says_what_became_of_each()
    {
        var command = new RecordingCommand { FailIn = "write", FailingUndo = "second" };
        var e = await Should.ThrowAsync<SkupperException>(() => command.ExecuteAsync(new FakeContext(command.Steps), default));
        e.Message.ShouldBe("write failed (in the command's words); the second thing could not be deleted: gone wrong; the first thing was deleted");
        e.Hint.ShouldBe("Delete the second thing by hand.");
        e.ExitCode.ShouldBe(ExitCodes.Failure);
        command.Steps.ShouldBe(["validate", "act", "wait", "write", "undo second", "undo first"]);
    }

    [Fact]
    public async Task What_is_kept_is_not_undone()
    {
        var command = new RecordingCommand { FailIn = "write", KeepAfterAct = true };
        var e = await Should.ThrowAsync<InvalidOperationException>(() => command.ExecuteAsync(new FakeContext(command.Steps), default));
        e.Message.ShouldBe("write failed");
        command.Steps.ShouldBe(["validate", "act", "wait", "write"]);
    }

    [Fact]
    public async Task An_after_hook_failure_exits_3_once_the_work_is_reported()
    {
        var command = new RecordingCommand();
        var context = new FakeContext(command.Steps) { HookedEvents = { "test.do.after" }, FailingHook = "test.do.after" };
        var e = await Should.ThrowAsync<SkupperException>(() => command.ExecuteAsync(context, default));
        e.Message.ShouldBe("hook refused test.do.after");
        e.ExitCode.ShouldBe(ExitCodes.HookFailure);
        command.Steps.ShouldBe(["validate", "act", "wait", "write", "report 1", "hook test.do.after {\"value\":1}"]);
    }

    private sealed class Run
    {
        public int Value { get; set; } = 1;
    }

    private sealed class RecordingCommand : SkupperCommand<Run>
    {
        public List<string> Steps { get; } = [];
        public Action<Problems>? Problems { get; init; }
        public string? FailIn { get; init; }
        public string? FailingUndo { get; init; }
        public bool KeepAfterAct { get; init; }

        public override string Name => "do";
        public override string Description => "Does it.";
        public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

        public override void Configure(ICommandDeclaration command)
        {
        }

        protected override Task<Run?> ValidateAsync(ICommandContext context, Problems problems, CancellationToken cancellationToken)
        {
            Steps.Add("validate");
            Problems?.Invoke(problems);
            return Task.FromResult<Run?>(problems.Any ? null : new Run());
        }

        protected override (string Event, JsonObject Context)? BeforeHook(Run run) => ("test.do.before", new JsonObject { ["value"] = run.Value });

        protected override void ApplyBeforeHook(Run run, JsonObject result)
        {
            run.Value = result["value"]!.GetValue<int>() + 1;
            Steps.Add($"apply {run.Value}");
        }

        protected override Task ActAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken)
        {
            Steps.Add("act");
            steps.Progress("Waiting...");
            foreach (var what in new[] { "first", "second" })
                steps.Undo.Add($"the {what} thing", _ =>
                {
                    Steps.Add($"undo {what}");
                    return what == FailingUndo ? throw new SkupperException("gone wrong") : Task.CompletedTask;
                }, $"Delete the {what} thing by hand.");
            if (KeepAfterAct) steps.Undo.Keep();
            return Step("act");
        }

        protected override Task WaitAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken)
        {
            Steps.Add("wait");
            steps.Progress("Waiting...");
            return Step("wait");
        }

        protected override Task WriteAsync(ICommandContext context, Run run, CancellationToken cancellationToken)
        {
            Steps.Add("write");
            return Step("write");
        }

        protected override void Report(ICommandContext context, Run run) => Steps.Add($"report {run.Value}");

        protected override (string Event, JsonObject Context)? AfterHook(Run run) => ("test.do.after", new JsonObject { ["value"] = run.Value });

        protected override string Reason(Exception failure, Run run) => $"{failure.Message} (in the command's words)";

        public Task Step(string name) => FailIn == name ? throw new InvalidOperationException($"{name} failed") : Task.CompletedTask;
    }

    /// <summary>A context with output and hooks only; hook runs are recorded in the command's step list.</summary>
    private sealed class FakeContext(List<string> steps) : ICommandContext, IOutput, IHookRunner
    {
        public HashSet<string> HookedEvents { get; } = [];
        public string? FailingHook { get; init; }

        /// <summary>What the hooks hand back, given the context; by default the context unchanged.</summary>
        public Func<JsonObject, JsonObject>? HookResult { get; init; }
        public StringWriter Err { get; } = new();
        public int ProgressEnded { get; private set; }

        public string InvocationName => "kubectl skupper";
        public Platform Platform => Platform.Kubernetes;
        public string Namespace => "west";
        public IOutput Output => this;
        public Stream Input => Stream.Null;
        public IClusterAccess Cluster => throw new NotSupportedException();
        public IReadyWaiter Waiter => throw new NotSupportedException();
        public IHookRunner Hooks => this;
        public string DataHome => throw new NotSupportedException();

        public TextWriter Out { get; } = new StringWriter();
        public TextWriter Error => Err;
        public bool IsTerminal => false;
        public bool OutIsTerminal => false;
        public void Warning(string message) => Err.WriteLine($"Warning: {message}");

        public IDisposable Progress(string message)
        {
            Err.WriteLine(message);
            return new Ended(() => ProgressEnded++);
        }

        public void WriteStructured(object value, string format) => throw new NotSupportedException();
        public string Render(object value, string format) => throw new NotSupportedException();
        public T? Parse<T>(string text) where T : Models.SkupperResource => throw new NotSupportedException();

        public bool Handles(string eventName) => HookedEvents.Contains(eventName);

        public Task<JsonObject> RunAsync(string eventName, JsonObject context, CancellationToken cancellationToken)
        {
            steps.Add($"hook {eventName} {context.ToJsonString()}");
            if (eventName == FailingHook) throw new SkupperException($"hook refused {eventName}");
            return Task.FromResult(HookResult?.Invoke(context) ?? context);
        }

        private sealed class Ended(Action action) : IDisposable
        {
            public void Dispose() => action();
        }
    }
}
