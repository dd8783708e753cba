using Spectre.Console;
using Spectre.Console.Rendering;

namespace Cabinets.Api.Cli;

/// <summary>stdout for results (tables, JSON), stderr for progress and messages, so a pipe gets only results.</summary>
internal sealed class CliOutput(TextWriter stdout, TextWriter stderr)
{
    public TextWriter Out { get; } = stdout;

    public TextWriter Err { get; } = stderr;

    public IAnsiConsole Results { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout) });

    public IAnsiConsole Progress { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stderr) });

    /// <summary>A bar with percentage, events per second, remaining and elapsed time, on stderr.</summary>
    public Task<T> WithProgressAsync<T>(string description, Func<ProgressTask, Task<T>> work) =>
        Progress.Progress().AutoClear(false).HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RateColumn(),
                new RemainingTimeColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(description, autoStart: true, maxValue: 1);
                var result = await work(task);
                task.StopTask();
                return result;
            });

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    public sealed class Reporter<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    private sealed class RateColumn : ProgressColumn
    {
        protected override bool NoWrap => true;

        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(task.Speed is { } speed ? $"{speed,10:N0} ev/s" : "           ev/s");
    }
}
