using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Cabinets.Api.Cli;

/// <summary>stdout for results (tables, JSON), stderr for progress and messages, so a pipe gets only results.</summary>
internal sealed class CliOutput(TextWriter stdout, TextWriter stderr)
{
    // Spectre calls a console interactive only when stdout is a terminal; our bar is on stderr,
    // so `audit export … | jq` must still draw it when stderr is one.
    private readonly bool _interactive = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;

    public TextWriter Out { get; } = stdout;

    public TextWriter Err { get; } = stderr;

    public IAnsiConsole Results { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout) });

    /// <summary>
    /// A bar on stderr with percentage, events per second, remaining and elapsed time; when stderr is
    /// not a terminal (CI, a log file), the same figures as a line every few seconds and at the end.
    /// </summary>
    public async Task<T> WithProgressAsync<T>(string description, Func<Bar, Task<T>> work)
    {
        if (!_interactive) return await PlainAsync(description, work);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Err), Interactive = InteractionSupport.Yes });
        return await console.Progress().AutoClear(false).HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RateColumn(),
                new RemainingTimeColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(description, autoStart: true, maxValue: 1);
                var result = await work(new Bar(task));
                task.StopTask();
                return result;
            });
    }

    private async Task<T> PlainAsync<T>(string description, Func<Bar, Task<T>> work)
    {
        var bar = new Bar(null) { Description = description };
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var ticker = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
            while (await timer.WaitForNextTickAsync(stop.Token).AsTask().ContinueWith(t => t is { IsCompletedSuccessfully: true, Result: true }))
                await Err.WriteLineAsync(bar.Line(clock.Elapsed));
        });
        try
        {
            return await work(bar);
        }
        finally
        {
            await stop.CancelAsync();
            await ticker;
            await Err.WriteLineAsync(bar.Line(clock.Elapsed));
        }
    }

    /// <summary>What a verb reports: its stage, how far of how much.</summary>
    public sealed class Bar(ProgressTask? task)
    {
        private string _description = task?.Description ?? "";
        private double _max = 1, _value;

        public string Description
        {
            get => _description;
            set => _description = task is null ? value : task.Description = value;
        }

        public double MaxValue
        {
            get => _max;
            set => _max = task is null ? value : task.MaxValue = value;
        }

        public double Value
        {
            get => _value;
            set => _value = task is null ? value : task.Value = value;
        }

        internal string Line(TimeSpan elapsed)
        {
            var rate = elapsed.TotalSeconds > 0 ? _value / elapsed.TotalSeconds : 0;
            var eta = rate > 0 && _max > _value ? Clock(TimeSpan.FromSeconds((_max - _value) / rate)) : "-";
            return string.Create(CultureInfo.InvariantCulture,
                $"{_description}: {_value:N0}/{_max:N0} ({(_max > 0 ? _value / _max : 1):P0}), {rate:N0}/s, remaining {eta}, elapsed {Clock(elapsed)}");
        }

        private static string Clock(TimeSpan t) => t.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);
    }

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
