using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Cabinets.Api.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wolverine;

namespace Cabinets.Station.Bench;

/// <summary>
/// The whole Api in this process, started through its own entry point (Program.cs as it is, on
/// Kestrel at a free loopback port) with its settings on the command line, and its host caught
/// from the hosting diagnostics as it is built (what WebApplicationFactory does, without a test
/// package), so the bench can send commands to it and stop it.
/// </summary>
internal sealed class ApiHost : IAsyncDisposable
{
    private readonly Task _run;
    private readonly IHostApplicationLifetime _lifetime;

    private ApiHost(IHost host, Task run, Uri address)
    {
        Host = host;
        _run = run;
        Address = address;
        _lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
    }

    public IHost Host { get; }

    public IServiceProvider Services => Host.Services;

    public Uri Address { get; }

    public static async Task<ApiHost> StartAsync(IReadOnlyDictionary<string, string> settings, CancellationToken ct)
    {
        // Wolverine finds handlers and their pre-generated code in the application assembly, which
        // JasperFx and Wolverine would otherwise take to be the entry assembly: this bench's.
        var api = typeof(CritterStackSetup).Assembly;
        JasperFx.JasperFxOptions.RememberedApplicationAssembly = api;
        WolverineOptions.RememberedApplicationAssembly = api;
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var args = new List<string>
        {
            $"--urls={address}", $"--contentRoot={AppContext.BaseDirectory}",
            "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.AspNetCore=Warning",
            "--Logging:Console:LogToStandardErrorThreshold=Trace", // stdout is the results table
        };
        args.AddRange(settings.Select(kv => $"--{kv.Key}={kv.Value}"));

        var built = new TaskCompletionSource<IHost>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = DiagnosticListener.AllListeners.Subscribe(new HostCatcher(built));
        var entry = api.EntryPoint ?? throw new InvalidOperationException("the Api assembly has no entry point");
        var run = Task.Factory.StartNew(() => Invoke(entry, [.. args]), ct, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        if (await Task.WhenAny(built.Task, run, Task.Delay(TimeSpan.FromMinutes(2), ct)) != built.Task)
        {
            if (run.IsCompleted) await run; // its exception
            throw new TimeoutException("the Api host was not built within 2 minutes");
        }
        var apiHost = new ApiHost(built.Task.Result, run, address);
        try
        {
            using var http = new HttpClient { BaseAddress = address };
            var ready = Stopwatch.StartNew();
            while (true)
            {
                if (run.IsCompleted) await run;
                try
                {
                    if ((await http.GetAsync("/health/ready", ct)).IsSuccessStatusCode) break;
                }
                catch (HttpRequestException)
                {
                    // Kestrel not listening yet
                }
                if (ready.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException("the Api did not become ready within 2 minutes");
                await Task.Delay(100, ct);
            }
        }
        catch
        {
            await apiHost.DisposeAsync();
            throw;
        }
        return apiHost;
    }

    private static async Task Invoke(MethodInfo entry, string[] args)
    {
        var result = entry.Invoke(null, entry.GetParameters().Length == 0 ? null : [args]);
        if (result is Task task) await task;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_run.IsCompleted) _lifetime.StopApplication();
        if (await Task.WhenAny(_run, Task.Delay(TimeSpan.FromSeconds(30))) != _run) Console.Error.WriteLine("the Api host did not stop within 30 s");
        else if (_run.IsFaulted) Console.Error.WriteLine($"the Api host stopped with {_run.Exception?.GetBaseException().Message}");
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    /// <summary>Catches the first host the hosting diagnostics announce as built.</summary>
    private sealed class HostCatcher(TaskCompletionSource<IHost> built) : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == "Microsoft.Extensions.Hosting") listener.Subscribe(this);
        }

        public void OnNext(KeyValuePair<string, object?> e)
        {
            if (e is { Key: "HostBuilt", Value: IHost host }) built.TrySetResult(host);
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
