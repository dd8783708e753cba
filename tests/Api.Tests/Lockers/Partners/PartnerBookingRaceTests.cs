using Cabinets.Api.Commands;
using Cabinets.Domain.Lockers.Cabinets;

namespace Cabinets.Api.Tests.Lockers.Partners;

/// <summary>Two concurrent bookings never get the last door: signed requests over HTTP, at once.</summary>
public sealed class PartnerBookingRaceTests(PartnersFixture api) : IClassFixture<PartnersFixture>
{
    [Fact]
    public async Task fifty_concurrent_signed_bookings_for_the_last_ten_doors_of_a_site_give_ten_201_and_forty_409()
    {
        var site = PartnersFixture.Park with { Place = "竞速园" };
        foreach (var serial in new[] { "RACE-1", "RACE-2" })
        {
            var now = DateTimeOffset.UtcNow;
            (await api.SendAsync(new ProvisionCabinet(serial, site, now))).ShouldBeOfType<CommandOutcome.Accepted>();
            (await api.SendAsync(new RegisterCabinetBank(serial, "快递柜", [0], now))).ShouldBeOfType<CommandOutcome.Accepted>();
            (await api.SendAsync(new RegisterDoors(serial, Enumerable.Range(1, 5)
                .Select(d => new DoorRegistration(0, d, new DoorAttributes(DoorSize.Medium, false, false))).ToList(), now))).ShouldBeOfType<CommandOutcome.Accepted>();
        }
        await api.CaughtUpAsync();
        var couriers = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => api.RegisterAsync($"竞速快递{i}")));

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => couriers[i % 5].Client.PostAsync("/api/partners/parcels",
            $$"""{"place":"竞速园","orderNumber":"42000{{i:D5}}","recipientName":"王五","recipientPhone":"13600000000","size":"M"}"""))));

        answers.Count(a => a.Status == 201).ShouldBe(10, string.Join("\n", answers.Where(a => a.Status is not (201 or 409)).Select(a => a.Text)));
        answers.Count(a => a.Status == 409).ShouldBe(40);
        await api.CaughtUpAsync();
        (await api.GraphQLAsync("""{ freeDoorCount(place: "竞速园") }""")).GetProperty("freeDoorCount").GetInt32().ShouldBe(0);
    }
}
