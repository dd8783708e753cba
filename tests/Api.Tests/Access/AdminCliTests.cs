using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cabinets.Domain.Access.AdminUsers;

namespace Cabinets.Api.Tests.Access;

/// <summary>`dotnet Cabinets.Api.dll admin …` as an operator runs it on the host, against the fixture's database.</summary>
public sealed class AdminCliTests(AccessFixture api) : IClassFixture<AccessFixture>
{
    private async Task<(int Code, string Output)> RunAsync(string stdin, params string[] args)
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
        start.Environment["Auth__PasswordIterations"] = "1000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteLineAsync(stdin);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    [Fact]
    public async Task the_cli_creates_an_account_and_resets_its_password_to_a_one_time_one_recorded_with_the_host_user_as_actor()
    {
        var (created, createdOutput) = await RunAsync("a password from the cli", "admin", "create", "clio", "auditor");
        created.ShouldBe(0, createdOutput);
        (await api.LoginAsync("clio", "a password from the cli")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var (reset, resetOutput) = await RunAsync("a one-time cli password", "admin", "reset-password", "clio");
        reset.ShouldBe(0, resetOutput);
        resetOutput.ShouldNotContain("a one-time cli password");
        var login = await api.LoginAsync("clio", "a one-time cli password");
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mustChangePassword").GetBoolean().ShouldBeTrue();

        var resetEvent = (await api.StreamAsync(AdminUserEventNames.StreamId("clio"))).Single(e => e.Data is AdminPasswordReset);
        resetEvent.UserName.ShouldBe(Environment.UserName);
        resetEvent.Headers!["channel"].ToString().ShouldBe("cli");

        (await RunAsync("short", "admin", "reset-password", "clio")).Code.ShouldBe(2);
        (await RunAsync("a long enough password", "admin", "reset-password", "nobody-here")).Code.ShouldBe(1);
    }
}
