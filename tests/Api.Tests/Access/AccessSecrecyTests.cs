using System.Net.Http.Json;
using System.Text.Json;
using Cabinets.Api.Tests.GraphQL;
using Cabinets.Api.Tests.Lockers.Parcels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cabinets.Api.Tests.Access;

/// <summary>The access Api logging everything at Debug, for the secrecy test.</summary>
public sealed class LoggingAccessFixture : AccessFixture
{
    public CapturedLogs Logs { get; } = new();

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Auth:LoginPermitsPerMinute"] = "100000",
        ["Logging:LogLevel:Default"] = "Debug",
    };

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.AddSingleton<ILoggerProvider>(Logs);
    }
}

/// <summary>No password, one-time password or token of the account flows reaches a log line, at any level.</summary>
public sealed class AccessSecrecyTests(LoggingAccessFixture api) : IClassFixture<LoggingAccessFixture>
{
    [Fact]
    public async Task account_flows_log_no_password_and_no_token()
    {
        const string temporary = "one-time secret 777", changed = "changed secret 888", wrong = "wrong secret 999";
        await api.CreateUserAsync("quinn", "operator");
        var login = await api.LoginAsync("quinn", AccessFixture.Password);
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        (await api.LoginAsync("quinn", wrong)).StatusCode.ShouldBe(System.Net.HttpStatusCode.Unauthorized);
        using var admin = await api.AdminAsync();
        (await admin.PostGraphQLAsync($"mutation {{ resetPassword(username: \"quinn\", temporaryPassword: \"{temporary}\") {{ username }} }}")).Ok();
        api.Tick();
        using var quinn = await api.SignInAsync("quinn", temporary);
        (await quinn.PostGraphQLAsync($"mutation {{ changePassword(oldPassword: \"{temporary}\", newPassword: \"{changed}\") }}")).Ok();
        (await quinn.PostAsync("/api/auth/logout", null)).EnsureSuccessStatusCode();

        var logs = string.Join('\n', api.Logs.Lines);
        logs.ShouldContain("Debug");
        foreach (var secret in new[] { AccessFixture.Password, ApiFixture.AdminPassword, temporary, changed, wrong, token, quinn.DefaultRequestHeaders.Authorization!.Parameter! })
            logs.ShouldNotContain(secret, Case.Sensitive);
    }
}
