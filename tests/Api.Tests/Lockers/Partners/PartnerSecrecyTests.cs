using Cabinets.Api.Tests.Lockers.Parcels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cabinets.Api.Tests.Lockers.Partners;

/// <summary>The partner Api logging everything at Debug, for the secrecy test.</summary>
public sealed class LoggingPartnersFixture : PartnersFixture
{
    public CapturedLogs Logs { get; } = new();

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Logging:LogLevel:Default"] = "Debug",
    };

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.AddSingleton<ILoggerProvider>(Logs);
    }
}

/// <summary>No secret, authorization code or recipient phone of the partner journey reaches a log line, at any level (issue 9 §7).</summary>
public sealed class PartnerSecrecyTests(LoggingPartnersFixture api) : IClassFixture<LoggingPartnersFixture>
{
    private const string Phone = "13712345678";

    [Fact]
    public async Task a_partner_journey_logs_no_secret_code_or_phone()
    {
        await api.BanksAsync();
        var (partner, code) = await api.RegisterAsync("保密快递");
        (await partner.GetAsync("/api/partners/addresses")).Status.ShouldBe(200);
        var body = $$"""{"place":"科技园","orderNumber":"7770000001","recipientName":"王五","recipientPhone":"{{Phone}}"}""";
        (await partner.PostAsync("/api/partners/parcels", body, "secrecy-1")).Status.ShouldBe(201);
        (await partner.PostAsync("/api/partners/parcels", body, "secrecy-1")).Status.ShouldBe(201);
        (await partner.SendAsync(partner.Sign("GET", "/api/partners/addresses") with { Signature = new string('f', 64) })).Status.ShouldBe(401);
        var rotated = (await api.GraphQLAsync("mutation($id: ID!) { rotatePartnerSecret(partnerId: $id) { secret authCode } }", new { id = partner.PartnerId }))
            .GetProperty("rotatePartnerSecret");

        var logs = string.Join('\n', api.Logs.Lines);
        logs.ShouldContain("Debug"); // the capture saw the Api's Debug lines
        foreach (var secret in new[] { partner.Secret, code, rotated.GetProperty("secret").GetString()!, rotated.GetProperty("authCode").GetString()!, Phone })
            logs.ShouldNotContain(secret, Case.Sensitive);
    }
}
