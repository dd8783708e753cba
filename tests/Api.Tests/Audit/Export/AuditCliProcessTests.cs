using System.Diagnostics;
using System.Text.Json;

namespace Cabinets.Api.Tests.Audit.Export;

/// <summary>
/// The CLI as an operator runs it: `dotnet Cabinets.Api.dll &lt;verb&gt;` against the database, results on
/// stdout, messages on stderr, the exit code saying how it went (ADR-0028); `admin create` still works.
/// </summary>
public sealed class AuditCliProcessTests(ApiFixture api) : IClassFixture<ApiFixture>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("audit-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task export_writes_the_file_and_its_manifest_and_prints_the_manifest_on_stdout()
    {
        var file = Path.Combine(_dir, "admins.ndjson.gz");
        var (code, stdout, stderr) = await RunAsync(null, "audit", "export", "--out", file, "--stream-type", "admin-user");

        code.ShouldBe(0, stderr);
        var manifest = JsonDocument.Parse(stdout).RootElement;
        manifest.GetProperty("count").GetInt64().ShouldBeGreaterThan(0);
        manifest.GetProperty("gzipSha256").GetString()!.Length.ShouldBe(64);
        File.Exists(file).ShouldBeTrue();
        JsonDocument.Parse(await File.ReadAllTextAsync(file + ".manifest.json")).RootElement.GetProperty("sha256").GetString()
            .ShouldBe(manifest.GetProperty("sha256").GetString());
        File.Exists(file + ".partial").ShouldBeFalse();
    }

    [Fact]
    public async Task a_refused_import_and_a_usage_error_exit_non_zero_and_status_prints_a_table()
    {
        var file = Path.Combine(_dir, "all.ndjson");
        (await RunAsync(null, "audit", "export", "--out", file)).Code.ShouldBe(0);

        var refused = await RunAsync(null, "audit", "import", "--in", file);
        refused.Code.ShouldBe(1);
        refused.Stderr.ShouldContain("not empty");
        refused.Stdout.ShouldBeEmpty();

        var usage = await RunAsync(null, "audit", "export");
        usage.Code.ShouldBe(2);
        usage.Stderr.ShouldContain("--out");

        var status = await RunAsync(null, "projections", "status");
        status.Code.ShouldBe(0, status.Stderr);
        status.Stdout.ShouldContain("free_doors");
        status.Stdout.ShouldContain("station_order_lines");
    }

    [Fact]
    public async Task admin_create_still_reads_the_password_from_stdin()
    {
        var (code, stdout, stderr) = await RunAsync("another long password\n", "admin", "create", "cli-auditor", "auditor");
        code.ShouldBe(0, stderr);
        stdout.ShouldContain("created auditor 'cli-auditor'");
    }

    private async Task<(int Code, string Stdout, string Stderr)> RunAsync(string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Cabinets.Api.dll"), .. args])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ConnectionStrings__EventStore"] = api.ConnectionString;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Auth__PasswordIterations"] = "1000";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
