using System.Collections.Concurrent;
using Cabinets.Api.Lockers.Parcels;
using Cabinets.Api.Tests.Stations;
using Cabinets.Domain.Lockers.Parcels;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cabinets.Api.Tests.Lockers.Parcels;

/// <summary>Every log line the Api writes, at every level, kept for the test to search.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);

    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}

/// <summary>The Api logging everything, for the secrecy test.</summary>
public sealed class LoggingParcelFixture : ParcelFixture
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

/// <summary>
/// No phone number, pickup code or secret in logs or in clear in the store; hostile parcel frames
/// get their error code and append nothing (issue 9 §7).
/// </summary>
public sealed class ParcelSecrecyTests(LoggingParcelFixture api) : IClassFixture<LoggingParcelFixture>
{
    private const string Phone = "13598761234";
    private const string Code = "918273";

    [Fact]
    public async Task a_whole_journey_logs_no_phone_number_or_pickup_code_and_stores_neither_in_clear()
    {
        const string serial = "IBSS0000001";
        await api.InstallAsync(serial, ParcelFixture.SiteAt("园区S1"), "0,1,32", "0,2,32");
        var firmware = api.Firmware();
        var booked = (await api.BookAsync("园区S1", "8880000001", Phone)).ShouldBeOfType<BookingResult.Booked>();
        (await firmware.SendAsync("synchronize_order_info", new { series_number = serial })).Code.ShouldBe(0);
        (await firmware.SendAsync("recieve_verify_num", new { verify_num = Code, series_num = serial, order_num = "8880000001", single_code = "1" })).Code.ShouldBe(0);
        (await firmware.SendAsync("take_by_verify_num", new { verify_num = "000000", series_num = serial })).Code.ShouldBe(2006);
        var admin = await api.AdminAsync();
        await StationGraphQL.DataAsync(admin, "query($p: String!) { parcels(where: {recipientPhone: {eq: $p}}) { nodes { recipientPhone } } }", new { p = Phone });
        (await firmware.SendAsync("take_by_verify_num", new { verify_num = Code, series_num = serial })).Code.ShouldBe(0);
        (await api.ParcelAsync(booked.RecordNumber))!.Status.ShouldBe("PICKED_UP");

        api.Logs.Lines.ShouldNotBeEmpty();
        api.Logs.Lines.ShouldNotContain(l => l.Contains(Phone), "a phone number was logged");
        api.Logs.Lines.ShouldNotContain(l => l.Contains(Code), "a pickup code was logged");

        // nor kept in clear anywhere in the database: events, documents, outbox, side tables
        await using var conn = new Npgsql.NpgsqlConnection(api.ConnectionString);
        await conn.OpenAsync();
        foreach (var secret in new[] { Phone, Code })
        {
            await using var dump = new Npgsql.NpgsqlCommand("""
                select count(*) from (
                  select data::text as t from mt_events
                  union all select data::text from mt_doc_parcelsnapshot
                  union all select coalesce(encode(body, 'escape'), '') from wolverine_incoming_envelopes
                ) x where t like '%' || $1 || '%'
                """, conn);
            dump.Parameters.AddWithValue(secret);
            ((long)(await dump.ExecuteScalarAsync())!).ShouldBe(0, $"'{secret}' is stored in clear");
        }
    }

    [Theory]
    [InlineData("verify_order_num", """{"order_num":"8880000009","series_num":"IBSS0000002"}""", 2003)]
    [InlineData("verify_order_num", """{"order_num":"123","series_num":"IBSS0000002"}""", 1006)]
    [InlineData("verify_order_num", """{"order_num":"8880000002","record_num":"12345","series_num":"IBSS0000002"}""", 1006)]
    [InlineData("verify_order_num", """{"order_num":"8880000002","record_num":"9999","series_num":"IBSS0000002"}""", 2003)]
    [InlineData("recieve_verify_num", """{"verify_num":"12345","series_num":"IBSS0000002","order_num":"8880000002"}""", 1006)]
    [InlineData("recieve_verify_num", """{"verify_num":"1234567","series_num":"IBSS0000002","order_num":"8880000002"}""", 1006)]
    [InlineData("recieve_verify_num", """{"verify_num":"12a456","series_num":"IBSS0000002","order_num":"8880000002"}""", 1006)]
    [InlineData("recieve_verify_num", """{"verify_num":"123456","series_num":"IBSS0000002","order_num":"8880000099"}""", 2003)]
    [InlineData("recieve_verify_num", """{"verify_num":"123456","series_num":"IBSS0000003","order_num":"8880000002"}""", 2003)]
    [InlineData("recieve_verify_num", """{"verify_num":"123456","series_num":"IBSS0000002","order_num":"8880000002","single_code":"77"}""", 2002)]
    [InlineData("take_by_verify_num", """{"verify_num":"123456","series_num":"IBSS0000002"}""", 2006)] // the code of a parcel in another bank
    [InlineData("take_by_verify_num", """{"verify_num":"12345","series_num":"IBSS0000002"}""", 1006)]
    [InlineData("synchronize_order_info", """{"series_number":""}""", 1006)]
    [InlineData("single_exception", """{"series_number":"IBSS0000002","name":"77","single_status":3,"use_status":3}""", 2002)]
    [InlineData("single_exception", """{"series_number":"IBSS0000002","name":"1","single_status":2,"use_status":3}""", 1006)]
    [InlineData("single_repair", """{"series_number":"IBSS0000009","name":"1","single_status":4}""", 2001)]
    public async Task a_hostile_parcel_frame_gets_its_code_and_appends_nothing(string method, string json, int code)
    {
        const string serial = "IBSS0000002";
        if (!(await api.StreamAsync("cabinet-" + serial)).Any())
        {
            await api.InstallAsync(serial, ParcelFixture.SiteAt("园区S2"), "0,1,32", "0,2,32");
            await api.InstallAsync("IBSS0000003", ParcelFixture.SiteAt("园区S3"), "0,1,32");
            (await api.BookAsync("园区S2", "8880000002")).ShouldBeOfType<BookingResult.Booked>();
            (await api.BookAsync("园区S3", "8880000003")).ShouldBeOfType<BookingResult.Booked>();
            (await api.Firmware().SendAsync("recieve_verify_num", new { verify_num = "123456", series_num = "IBSS0000003", order_num = "8880000003" })).Code.ShouldBe(0);
        }
        var before = await EventCountAsync();

        var answer = await api.Firmware().SendFrameAsync(new Cabinets.Protocol.IbsCodec().EncodeFrame(method, System.Text.Encoding.UTF8.GetBytes(json)));

        answer.Code.ShouldBe(code, answer.Msg);
        (await EventCountAsync()).ShouldBe(before);
    }

    private async Task<long> EventCountAsync()
    {
        await using var session = api.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.Events.QueryAllRawEvents().CountAsync();
    }
}
