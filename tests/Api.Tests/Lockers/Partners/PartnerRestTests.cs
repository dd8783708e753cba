using System.Text.Json;

namespace Cabinets.Api.Tests.Lockers.Partners;

/// <summary>The partner REST of API-CONTRACT.md over real HTTP and PostgreSQL: reads, bookings, idempotency and their refusals.</summary>
public sealed class PartnerRestTests(PartnersFixture api) : IClassFixture<PartnersFixture>, IAsyncLifetime
{
    private PartnerClient partner = null!;

    public async Task InitializeAsync()
    {
        await api.BanksAsync();
        partner = (await api.RegisterAsync("京东物流")).Client;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Booking(string order, string place = "科技园", string? size = null, string? attribute = null, string phone = "13800138000") =>
        JsonSerializer.Serialize(new { province = "广东省", city = "深圳市", area = "", street = "", place, orderNumber = order, recipientName = "张三", recipientPhone = phone, size, attribute });

    private static string Encoded(string value) => Uri.EscapeDataString(value);

    [Fact]
    public async Task addresses_are_the_distinct_sites_of_provisioned_banks()
    {
        var answer = await partner.GetAsync("/api/partners/addresses");
        answer.Status.ShouldBe(200, answer.Text);
        var sites = answer.Json.EnumerateArray().Select(s => (s.GetProperty("province").GetString(), s.GetProperty("city").GetString(),
            s.GetProperty("area").GetString(), s.GetProperty("street").GetString(), s.GetProperty("place").GetString())).ToList();
        sites.ShouldBe([("广东省", "深圳市", "南山区", "粤海街道", "科技园"), ("广东省", "深圳市", "福田区", "沙头街道", "海港城")], ignoreOrder: true);
    }

    [Fact]
    public async Task free_doors_count_by_any_part_of_the_address_size_and_attribute()
    {
        async Task<int> Free(string query)
        {
            var answer = await partner.GetAsync("/api/partners/free-doors" + query);
            answer.Status.ShouldBe(200, answer.Text);
            return answer.Json.GetProperty("free").GetInt32();
        }
        (await Free($"?place={Encoded("海港城")}")).ShouldBe(1);
        (await Free($"?place={Encoded("海港城")}&attribute=vertical")).ShouldBe(1);
        (await Free($"?place={Encoded("海港城")}&size=L")).ShouldBe(0);
        (await Free($"?city={Encoded("深圳市")}&area={Encoded("南山区")}&size=M&attribute=insulated")).ShouldBe(1);
        (await Free("?attribute=insulated&size=")).ShouldBeGreaterThanOrEqualTo(1);
    }

    [Theory]
    [InlineData("?size=XL", "size")]
    [InlineData("?size=l", "size")]
    [InlineData("?attribute=heated", "attribute")]
    [InlineData("?size=L&size=M", "size")]
    public async Task a_bad_size_or_attribute_is_a_422_problem_naming_the_field(string query, string field)
    {
        var answer = await partner.GetAsync("/api/partners/free-doors" + query);
        answer.Status.ShouldBe(422, answer.Text);
        answer.ProblemType.ShouldBe("validation-failed");
        answer.Fields.ShouldBe([field]);
    }

    [Fact]
    public async Task an_address_part_over_64_characters_is_refused()
    {
        var answer = await partner.GetAsync("/api/partners/free-doors?city=" + new string('x', 65));
        answer.Status.ShouldBe(422);
        answer.Fields.ShouldBe(["city"]);
    }

    [Fact]
    public async Task a_booking_answers_201_and_the_partner_reads_its_parcel_but_no_other_partner_does()
    {
        var booked = await partner.PostAsync("/api/partners/parcels", Booking("2026120200", size: "L"));
        booked.Status.ShouldBe(201, booked.Text);
        var record = booked.Json.GetProperty("recordNumber").GetString()!;
        booked.Json.GetProperty("cabinetSerial").GetString().ShouldBe("PTN-A");

        var read = await partner.GetAsync($"/api/partners/parcels/{record}");
        read.Status.ShouldBe(200, read.Text);
        read.Json.GetProperty("recordNumber").GetString().ShouldBe(record);
        read.Json.GetProperty("orderNumber").GetString().ShouldBe("2026120200");
        read.Json.GetProperty("status").GetString().ShouldBe("BOOKED");
        read.Json.GetProperty("cabinetSerial").GetString().ShouldBe("PTN-A");
        read.Json.GetProperty("storedAt").ValueKind.ShouldBe(JsonValueKind.Null);
        read.Json.GetProperty("pickedUpAt").ValueKind.ShouldBe(JsonValueKind.Null);
        read.Text.ShouldNotContain("13800138000");

        var events = await api.StreamAsync($"parcel-{record}");
        events.First().UserName.ShouldBe(partner.PartnerId); // the partner is the actor

        var other = (await api.RegisterAsync("德邦快递")).Client;
        var hidden = await other.GetAsync($"/api/partners/parcels/{record}");
        hidden.Status.ShouldBe(404);
        hidden.ProblemType.ShouldBe("parcel-not-found");
        var unknown = await partner.GetAsync("/api/partners/parcels/9999999999");
        unknown.Status.ShouldBe(404);
        unknown.ProblemType.ShouldBe("parcel-not-found");
    }

    [Fact]
    public async Task the_parcel_read_follows_the_deposit_and_the_pickup_at_the_bank()
    {
        var booked = await partner.PostAsync("/api/partners/parcels", Booking("2026120299", size: "L"));
        booked.Status.ShouldBe(201, booked.Text);
        var record = booked.Json.GetProperty("recordNumber").GetString()!;
        var firmware = new IbsClient(api.Http());
        (await firmware.SendAsync("recieve_verify_num", new { verify_num = "513579", series_num = "PTN-A", order_num = "2026120299" })).Code.ShouldBe(0);

        var stored = (await partner.GetAsync($"/api/partners/parcels/{record}")).Json;
        stored.GetProperty("status").GetString().ShouldBe("STORED");
        stored.GetProperty("storedAt").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-5));
        stored.GetProperty("pickedUpAt").ValueKind.ShouldBe(JsonValueKind.Null);

        (await firmware.SendAsync("take_by_verify_num", new { verify_num = "513579", series_num = "PTN-A" })).Code.ShouldBe(0);
        var picked = (await partner.GetAsync($"/api/partners/parcels/{record}")).Json;
        picked.GetProperty("status").GetString().ShouldBe("PICKED_UP");
        picked.GetProperty("pickedUpAt").GetDateTimeOffset().ShouldBeGreaterThanOrEqualTo(stored.GetProperty("storedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task a_second_active_booking_of_the_same_order_is_a_409_naming_the_first()
    {
        var first = await partner.PostAsync("/api/partners/parcels", Booking("2026120201"));
        first.Status.ShouldBe(201, first.Text);
        var again = await partner.PostAsync("/api/partners/parcels", Booking("2026120201"));
        again.Status.ShouldBe(409, again.Text);
        again.ProblemType.ShouldBe("already-booked");
        again.Json.GetProperty("recordNumber").GetString().ShouldBe(first.Json.GetProperty("recordNumber").GetString());
    }

    [Fact]
    public async Task no_matching_free_door_is_a_409_and_books_nothing()
    {
        var events = await api.EventCountAsync();
        var answer = await partner.PostAsync("/api/partners/parcels", Booking("2026120202", place: "海港城", size: "L"));
        answer.Status.ShouldBe(409, answer.Text);
        answer.ProblemType.ShouldBe("no-free-door");
        (await api.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task a_repeat_with_the_same_idempotency_key_gets_the_first_answer_and_another_body_is_422()
    {
        var key = Guid.NewGuid().ToString();
        var first = await partner.PostAsync("/api/partners/parcels", Booking("2026120203"), key);
        first.Status.ShouldBe(201, first.Text);
        var events = await api.EventCountAsync();

        var repeat = await partner.PostAsync("/api/partners/parcels", Booking("2026120203"), key);
        repeat.ShouldBe(first); // same status, same content type, same bytes
        (await api.EventCountAsync()).ShouldBe(events);

        var other = await partner.PostAsync("/api/partners/parcels", Booking("2026120204"), key);
        other.Status.ShouldBe(422, other.Text);
        other.ProblemType.ShouldBe("idempotency-key-reused");
        other.Fields.ShouldBe(["Idempotency-Key"]);
        (await api.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task concurrent_repeats_under_one_key_book_once()
    {
        var key = Guid.NewGuid().ToString();
        var events = await api.EventCountAsync();
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => partner.PostAsync("/api/partners/parcels", Booking("2026120209"), key)));
        var booked = answers.Where(a => a.Status == 201).ToList();
        booked.ShouldNotBeEmpty();
        booked.Select(a => a.Text).Distinct().Count().ShouldBe(1); // every 201 is the first answer
        answers.Where(a => a.Status != 201).ShouldAllBe(a => a.Status == 409 && a.ProblemType == "idempotency-key-in-flight");
        var record = booked[0].Json.GetProperty("recordNumber").GetString()!;
        (await api.StreamAsync($"parcel-{record}")).Count.ShouldBe(1);
        (await partner.PostAsync("/api/partners/parcels", Booking("2026120209"), key)).ShouldBe(booked[0]);
        events.ShouldBeLessThan(await api.EventCountAsync());
    }

    [Fact]
    public async Task a_refusal_is_kept_under_its_idempotency_key_too()
    {
        var key = Guid.NewGuid().ToString();
        var first = await partner.PostAsync("/api/partners/parcels", Booking("2026120205", place: "海港城", size: "M"), key);
        first.Status.ShouldBe(409);
        (await partner.PostAsync("/api/partners/parcels", Booking("2026120205", place: "海港城", size: "M"), key)).ShouldBe(first);
    }

    [Fact]
    public async Task idempotency_keys_are_per_partner()
    {
        var key = Guid.NewGuid().ToString();
        (await partner.PostAsync("/api/partners/parcels", Booking("2026120206"), key)).Status.ShouldBe(201);
        var other = (await api.RegisterAsync("极兔速递")).Client;
        (await other.PostAsync("/api/partners/parcels", Booking("2026120206"), key)).Status.ShouldBe(201);
    }

    [Fact]
    public async Task every_invalid_field_is_named_in_one_422_and_nothing_changes()
    {
        var events = await api.EventCountAsync();
        var body = JsonSerializer.Serialize(new { orderNumber = "12345", recipientName = "", recipientPhone = "1380013800a", size = "XL", attribute = "heated" });
        var answer = await partner.PostAsync("/api/partners/parcels", body, Guid.NewGuid().ToString());
        answer.Status.ShouldBe(422, answer.Text);
        answer.ProblemType.ShouldBe("validation-failed");
        answer.Fields.ShouldBe(["orderNumber", "recipientPhone", "recipientName", "size", "attribute"], ignoreOrder: true);
        answer.Json.GetProperty("errors").GetArrayLength().ShouldBe(5);
        (await api.EventCountAsync()).ShouldBe(events);
    }

    [Theory]
    [InlineData("""{"orderNumber":1234567890,"recipientName":"张三","recipientPhone":"13800138000"}""", "orderNumber")]
    [InlineData("""{"orderNumber":"١٢٣٤٥٦٧٨٩٠","recipientName":"张三","recipientPhone":"13800138000"}""", "orderNumber")]
    [InlineData("""{"orderNumber":"12345678901","recipientName":"张三","recipientPhone":"13800138000"}""", "orderNumber")]
    [InlineData("""{"orderNumber":"1234567890123456","recipientName":"张\n三","recipientPhone":"13800138000"}""", "recipientName")]
    [InlineData("""{"orderNumber":"1234567890","recipientName":"张三","recipientPhone":"+8613800138000"}""", "recipientPhone")]
    [InlineData("""{"orderNumber":"1234567890","orderNumber":"1234567891","recipientName":"张三","recipientPhone":"13800138000"}""", "body")]
    [InlineData("""["orderNumber"]""", "body")]
    [InlineData("""{"orderNumber":""", "body")]
    [InlineData("", "body")]
    public async Task hostile_bodies_are_422_problems_naming_the_field(string body, string field)
    {
        var events = await api.EventCountAsync();
        var answer = await partner.PostAsync("/api/partners/parcels", body);
        answer.Status.ShouldBe(422, answer.Text);
        answer.ProblemType.ShouldBe("validation-failed");
        answer.Fields.ShouldContain(field);
        (await api.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task a_name_of_50_characters_is_accepted_and_51_refused()
    {
        var fifty = JsonSerializer.Serialize(new { place = "科技园", orderNumber = "2026120207", recipientName = new string('名', 50), recipientPhone = "13800138001" });
        (await partner.PostAsync("/api/partners/parcels", fifty)).Status.ShouldBe(201);
        var fiftyOne = JsonSerializer.Serialize(new { place = "科技园", orderNumber = "2026120208", recipientName = new string('名', 51), recipientPhone = "13800138001" });
        (await partner.PostAsync("/api/partners/parcels", fiftyOne)).Fields.ShouldBe(["recipientName"]);
    }
}
