using Cabinets.Api.Commands;
using Cabinets.Api.PersonalData;
using Cabinets.Domain.Stations.Reference;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Cabinets.Api.Tests.Stations;

/// <summary>A merchant's receiver name and phone are stored encrypted with the receiver's key and erased by deleting it (ADR-0020).</summary>
public sealed class StationPersonalDataTests(StationFixture api) : IClassFixture<StationFixture>, IAsyncLifetime
{
    private const string Phone = "13912345678";
    private StationClient station = null!;

    public async Task InitializeAsync() => station = await api.ClientAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<CommandOutcome> UpsertAsync(string receiver) => api.Services.GetRequiredService<CommandSender>().SendAsync(
        new UpsertStationMerchant(new StationMerchant(StationFixture.Station, 300001, 400001, "隐私店", "上海市", receiver, Phone,
            null, null, null, null, null, null, null, null, null, null, 1), DateTimeOffset.UtcNow), new CommandContext(new Actor("admin", "admin", "test")));

    private async Task<string> StoredEventsAsync()
    {
        await using var db = NpgsqlDataSource.Create(api.ConnectionString);
        await using var cmd = db.CreateCommand("select string_agg(data::text, ' ') from mt_events where stream_id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = StationReferenceEventNames.MerchantStreamId(StationFixture.Station, 300001) });
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task the_receiver_is_encrypted_in_the_event_shown_to_the_station_and_erased_with_the_key()
    {
        (await UpsertAsync("李四")).ShouldBe(new CommandOutcome.Accepted(null, 1));
        (await UpsertAsync("李四")).ShouldBe(new CommandOutcome.Accepted(null, 0)); // same person, same data: nothing recorded
        var stored = await StoredEventsAsync();
        stored.ShouldNotContain(Phone);
        stored.ShouldNotContain("李四");

        var order = await station.OrderAsync(300001, 400001, StationClient.Line("D13523696", "C1969177", 1, "2.00"));
        var customer = (await station.DetailAsync(order)).GetProperty("customer");
        customer.GetProperty("receiver_phone").GetString().ShouldBe(Phone);
        customer.GetProperty("receiver_name").GetString().ShouldBe("李四");

        (await api.Services.GetRequiredService<PersonalDataVault>().EraseAsync(Phone, CancellationToken.None)).ShouldBeTrue();
        var erased = (await station.DetailAsync(order)).GetProperty("customer");
        erased.GetProperty("receiver_phone").GetString().ShouldBe(PersonalDataVault.Erased);
        erased.GetProperty("receiver_name").GetString().ShouldBe(PersonalDataVault.Erased);
        (await StoredEventsAsync()).ShouldBe(stored); // history untouched
    }
}
