using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Cabinets.Api.Hosting.Embedded;

/// <summary>
/// A PostgreSQL cluster run from the machine's binaries: for `dotnet run` without a connection
/// string and for the test fixture (ADR-0005). PostgreSQL refuses to run as root, so when this
/// process is root the cluster is owned by and run as the `postgres` user.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    private readonly string _binDir;
    private readonly string _dataDir;
    private readonly bool _asPostgresUser;
    private bool _stopped;

    /// <summary>False when another process of ours already runs this cluster: we use it and leave it running.</summary>
    public bool Owned { get; private init; } = true;

    private EmbeddedPostgres(string binDir, string dataDir, int port)
    {
        _binDir = binDir;
        _dataDir = dataDir;
        Port = port;
        _asPostgresUser = Environment.UserName == "root";
    }

    public int Port { get; }

    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Include Error Detail=true";

    /// <param name="dataDir">Cluster directory; created and initialised when empty.</param>
    /// <param name="port">TCP port on 127.0.0.1; 0 picks a free one.</param>
    /// <param name="durable">false turns off fsync for throwaway test clusters.</param>
    public static async Task<EmbeddedPostgres> StartAsync(string dataDir, int port = 0, bool durable = true, CancellationToken ct = default)
    {
        var full = Path.GetFullPath(dataDir);
        // Another process (the server, while a CLI verb runs) already serves this cluster: join it
        // instead of stopping it under that process.
        if (await RunningPortAsync(full, ct) is { } running)
            return new EmbeddedPostgres(PostgresBinaries.Locate(), full, running) { Owned = false, _stopped = true };
        var pg = new EmbeddedPostgres(PostgresBinaries.Locate(), full, port == 0 ? FreePort() : port);
        await pg.InitIfNeededAsync(ct);
        await pg.StartServerAsync(durable, ct);
        return pg;
    }

    /// <summary>The port of a live server on this cluster (`postmaster.pid` line 4, answering on 127.0.0.1), or null.</summary>
    private static async Task<int?> RunningPortAsync(string dataDir, CancellationToken ct)
    {
        var pidFile = Path.Combine(dataDir, "postmaster.pid");
        if (!File.Exists(pidFile)) return null;
        string[] lines;
        try
        {
            lines = await File.ReadAllLinesAsync(pidFile, ct);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        if (lines.Length < 4 || !int.TryParse(lines[0], out var pid) || !int.TryParse(lines[3], out var port)) return null;
        try
        {
            using var process = Process.GetProcessById(pid);
            if (process.HasExited) return null;
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, ct);
            return port;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or SocketException)
        {
            return null; // a stale file of a killed run: started afresh below
        }
    }

    private async Task InitIfNeededAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(_dataDir);
        if (File.Exists(Path.Combine(_dataDir, "PG_VERSION"))) return;
        if (Directory.EnumerateFileSystemEntries(_dataDir).Any())
            throw new InvalidOperationException($"'{_dataDir}' is not empty and holds no PostgreSQL cluster.");
        await ChownAsync(ct);
        if (_asPostgresUser && !await CanReachAsync(ct))
            throw new DataDirectoryUnreachableException(
                $"the postgres user cannot reach '{_dataDir}': every parent directory must be searchable by others (chmod o+x), " +
                "or set EmbeddedPostgres__DataDirectory to a path under such a directory");
        await RunAsync("initdb", ["-D", _dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"], ct);
    }

    private async Task StartServerAsync(bool durable, CancellationToken ct)
    {
        // A previous run that was killed leaves its server behind: stop it before starting ours.
        if (File.Exists(Path.Combine(_dataDir, "postmaster.pid")))
            await RunAsync("pg_ctl", ["-D", _dataDir, "-m", "immediate", "stop"], ct, throwOnError: false);

        var options = $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=400";
        if (!durable) options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        await RunAsync("pg_ctl", ["-D", _dataDir, "-l", Path.Combine(_dataDir, "server.log"), "-o", options, "-w", "-t", "60", "start"], ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await RunAsync("pg_ctl", ["-D", _dataDir, "-m", "fast", "-w", "stop"], CancellationToken.None, throwOnError: false);
    }

    /// <summary>Synchronous stop for process-exit handlers, where async work may not finish.</summary>
    public void Stop()
    {
        if (_stopped) return;
        _stopped = true;
        RunAsync("pg_ctl", ["-D", _dataDir, "-m", "immediate", "-w", "stop"], CancellationToken.None, throwOnError: false)
            .GetAwaiter().GetResult();
    }

    private async Task<bool> CanReachAsync(CancellationToken ct)
    {
        try
        {
            await Exec("runuser", ["-u", "postgres", "--", "test", "-w", _dataDir], ct, throwOnError: true);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private Task ChownAsync(CancellationToken ct) => _asPostgresUser
        ? Exec("chown", ["-R", "postgres:postgres", _dataDir], ct, throwOnError: true)
        : Task.CompletedTask;

    private Task RunAsync(string tool, string[] args, CancellationToken ct, bool throwOnError = true)
    {
        var exe = Path.Combine(_binDir, tool);
        return _asPostgresUser
            ? Exec("runuser", ["-u", "postgres", "--", exe, .. args], ct, throwOnError)
            : Exec(exe, args, ct, throwOnError);
    }

    private static async Task Exec(string file, string[] args, CancellationToken ct, bool throwOnError)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = "/",
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var stderr = p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        if (p.ExitCode != 0 && throwOnError)
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', args)} exited with {p.ExitCode}: {await stderr}{await stdout}");
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

/// <summary>Run as root, the server runs as user postgres, which cannot reach the data directory (a parent is not searchable by others).</summary>
public sealed class DataDirectoryUnreachableException(string message) : InvalidOperationException(message);
