namespace Cabinets.Api.Tests.Lockers.Partners;

/// <summary>
/// Hostile input against the partner signature (issue 9 §7, ADR-0023): every forgery is a 401
/// problem with its stable type, and nothing changes — no event, and no nonce burnt.
/// </summary>
public sealed class PartnerSignatureTests(PartnersFixture api) : IClassFixture<PartnersFixture>, IAsyncLifetime
{
    private const string Addresses = "/api/partners/addresses";
    private const string Parcel = """{"orderNumber":"1234567890","recipientName":"张三","recipientPhone":"13800138000"}""";
    private PartnerClient partner = null!;

    public async Task InitializeAsync() => partner = (await api.RegisterAsync("申通快递")).Client;

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Sends the forgery, expects the problem, then proves the nonce is still unused and nothing was stored.</summary>
    private async Task RefusedAsync(SignedRequest forged, string type, string? field = null)
    {
        var events = await api.EventCountAsync();
        var answer = await partner.SendAsync(forged);
        answer.Status.ShouldBe(401, answer.Text);
        answer.ProblemType.ShouldBe(type);
        answer.Json.GetProperty("title").GetString().ShouldNotBeNullOrEmpty();
        answer.Json.GetProperty("detail").GetString().ShouldNotBeNullOrEmpty();
        if (field is not null) answer.Fields.ShouldContain(field);
        (await api.EventCountAsync()).ShouldBe(events);
        if (forged.PartnerId == partner.PartnerId && forged.Nonce.Length is >= 16 and <= 64)
            (await partner.SendAsync(partner.Sign("GET", Addresses, nonce: forged.Nonce))).Status.ShouldBe(200, "a refused request must not burn its nonce");
    }

    [Fact]
    public async Task a_correctly_signed_request_is_answered()
    {
        var answer = await partner.GetAsync(Addresses);
        answer.Status.ShouldBe(200, answer.Text);
        answer.ContentType.ShouldBe("application/json");
    }

    [Fact]
    public async Task a_wrong_signature_is_refused() =>
        await RefusedAsync(partner.Sign("GET", Addresses) with { Signature = new string('0', 64) }, "signature-invalid", "X-Signature");

    [Fact]
    public async Task an_upper_case_signature_is_not_the_signature() =>
        await RefusedAsync(partner.Sign("GET", Addresses) is var s ? s with { Signature = s.Signature.ToUpperInvariant() } : null!, "signature-invalid");

    [Fact]
    public async Task a_signature_made_with_another_secret_is_refused()
    {
        var other = new PartnerClient(api.Http(), partner.PartnerId, new string('a', 64));
        await RefusedAsync(other.Sign("GET", Addresses), "signature-invalid");
    }

    [Fact]
    public async Task a_tampered_body_is_refused() =>
        await RefusedAsync(partner.Sign("POST", "/api/partners/parcels", Parcel) with { Body = System.Text.Encoding.UTF8.GetBytes(Parcel.Replace("13800138000", "13900139000", StringComparison.Ordinal)) },
            "signature-invalid");

    [Fact]
    public async Task a_tampered_path_is_refused() =>
        await RefusedAsync(partner.Sign("GET", Addresses) with { Target = "/api/partners/free-doors" }, "signature-invalid");

    [Fact]
    public async Task a_tampered_query_is_refused() =>
        await RefusedAsync(partner.Sign("GET", "/api/partners/free-doors?size=L") with { Target = "/api/partners/free-doors?size=S" }, "signature-invalid");

    [Fact]
    public async Task a_tampered_method_is_refused() =>
        await RefusedAsync(partner.Sign("POST", "/api/partners/parcels/0000000001") with { Method = "GET" }, "signature-invalid");

    [Fact]
    public async Task the_target_is_signed_as_sent_percent_encoded_never_decoded()
    {
        const string encoded = "/api/partners/free-doors?city=%E6%B7%B1%E5%9C%B3%E5%B8%82";
        (await partner.SendAsync(partner.Sign("GET", encoded))).Status.ShouldBe(200);
        await RefusedAsync(partner.Sign("GET", "/api/partners/free-doors?city=深圳市") with { Target = encoded }, "signature-invalid");
    }

    [Fact]
    public async Task an_escape_the_server_decodes_is_signed_as_sent()
    {
        // HttpClient sends %3A as it is; ASP.NET decodes it to ':' in Request.Path, so only the raw target verifies.
        const string raw = "/api/partners/parcels/A%3AB";
        var answer = await partner.SendAsync(partner.Sign("GET", raw));
        answer.Status.ShouldBe(404, answer.Text); // signature accepted over the raw target: the record is simply unknown
        answer.ProblemType.ShouldBe("parcel-not-found");
        await RefusedAsync(partner.Sign("GET", "/api/partners/parcels/A:B") with { Target = raw }, "signature-invalid");
    }

    [Theory]
    [InlineData(-400)]
    [InlineData(400)]
    public async Task a_timestamp_outside_300_seconds_is_refused(int offsetSeconds) =>
        await RefusedAsync(partner.Sign("GET", Addresses, at: DateTimeOffset.UtcNow.AddSeconds(offsetSeconds)), "timestamp-stale", "X-Timestamp");

    [Theory]
    [InlineData(-250)]
    [InlineData(250)]
    public async Task a_timestamp_within_300_seconds_is_accepted(int offsetSeconds) =>
        (await partner.SendAsync(partner.Sign("GET", Addresses, at: DateTimeOffset.UtcNow.AddSeconds(offsetSeconds)))).Status.ShouldBe(200);

    [Fact]
    public async Task a_replayed_nonce_is_refused_even_with_a_fresh_signature()
    {
        var first = partner.Sign("GET", Addresses);
        (await partner.SendAsync(first)).Status.ShouldBe(200);
        var replay = await partner.SendAsync(first);
        replay.Status.ShouldBe(401);
        replay.ProblemType.ShouldBe("nonce-replayed");
        var resigned = await partner.SendAsync(partner.Sign("GET", "/api/partners/free-doors", nonce: first.Nonce));
        resigned.Status.ShouldBe(401);
        resigned.ProblemType.ShouldBe("nonce-replayed");
        resigned.Fields.ShouldBe(["X-Nonce"]);
    }

    [Fact]
    public async Task of_the_same_signed_request_sent_eight_times_at_once_exactly_one_is_accepted()
    {
        var signed = partner.Sign("GET", Addresses);
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => partner.SendAsync(signed)));
        answers.Count(a => a.Status == 200).ShouldBe(1);
        answers.Where(a => a.Status != 200).ShouldAllBe(a => a.Status == 401 && a.ProblemType == "nonce-replayed");
    }

    [Fact]
    public async Task a_nonce_used_on_one_node_is_refused_on_another_and_a_rotation_holds_on_both_at_once()
    {
        await using var second = await api.StartNodeAsync();
        var there = new PartnerClient(second.Server.CreateClient(), partner.PartnerId, partner.Secret);
        var signed = partner.Sign("GET", Addresses);
        (await partner.SendAsync(signed)).Status.ShouldBe(200);
        var replay = await there.SendAsync(signed);
        replay.Status.ShouldBe(401);
        replay.ProblemType.ShouldBe("nonce-replayed");

        var (rotating, _) = await api.RegisterAsync("跨节点快递");
        var rotatingThere = new PartnerClient(second.Server.CreateClient(), rotating.PartnerId, rotating.Secret);
        (await rotatingThere.GetAsync(Addresses)).Status.ShouldBe(200);
        await api.GraphQLAsync("mutation($id: ID!) { rotatePartnerSecret(partnerId: $id) { secret } }", new { id = rotating.PartnerId });
        (await rotatingThere.GetAsync(Addresses)).ProblemType.ShouldBe("signature-invalid");
    }

    [Fact]
    public async Task a_nonce_is_per_partner()
    {
        var other = (await api.RegisterAsync("韵达快递")).Client;
        var nonce = PartnerClient.NewNonce();
        (await partner.SendAsync(partner.Sign("GET", Addresses, nonce: nonce))).Status.ShouldBe(200);
        (await other.SendAsync(other.Sign("GET", Addresses, nonce: nonce))).Status.ShouldBe(200);
    }

    [Fact]
    public async Task an_unknown_partner_is_refused()
    {
        var stranger = new PartnerClient(api.Http(), "ptnffffffffffffffffffff", new string('b', 64));
        await RefusedAsync(stranger.Sign("GET", Addresses), "partner-unknown", "X-Partner-Id");
    }

    [Fact]
    public async Task a_disabled_partner_is_refused_with_its_own_correct_signature()
    {
        var (gone, _) = await api.RegisterAsync("已停用快递");
        (await gone.GetAsync(Addresses)).Status.ShouldBe(200);
        await api.GraphQLAsync("mutation($id: ID!) { disablePartner(partnerId: $id) { disabled } }", new { id = gone.PartnerId });
        var events = await api.EventCountAsync();
        var answer = await gone.PostAsync("/api/partners/parcels", Parcel);
        answer.Status.ShouldBe(401);
        answer.ProblemType.ShouldBe("partner-unknown");
        (await api.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task after_a_rotation_the_old_secret_is_refused_and_the_new_one_accepted()
    {
        var (rotating, _) = await api.RegisterAsync("百世快递");
        var fresh = (await api.GraphQLAsync("mutation($id: ID!) { rotatePartnerSecret(partnerId: $id) { secret } }", new { id = rotating.PartnerId }))
            .GetProperty("rotatePartnerSecret").GetProperty("secret").GetString()!;
        await RefusedAsync(rotating.Sign("GET", Addresses), "signature-invalid");
        (await new PartnerClient(api.Http(), rotating.PartnerId, fresh).GetAsync(Addresses)).Status.ShouldBe(200);
    }

    [Theory]
    [InlineData("X-Partner-Id")]
    [InlineData("X-Timestamp")]
    [InlineData("X-Nonce")]
    [InlineData("X-Signature")]
    public async Task a_missing_header_is_named(string header)
    {
        var signed = partner.Sign("GET", Addresses);
        var forged = header switch
        {
            "X-Partner-Id" => signed with { PartnerId = "" },
            "X-Timestamp" => signed with { Timestamp = "" },
            "X-Nonce" => signed with { Nonce = "" },
            _ => signed with { Signature = "" },
        };
        await RefusedAsync(forged, "signature-headers-invalid", header);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0")]
    [InlineData("nonce with spaces 123")]
    [InlineData("非ASCII的随机数非ASCII的随机数非ASCII")]
    public async Task a_malformed_nonce_is_refused(string nonce)
    {
        var answer = await partner.SendAsync(partner.Sign("GET", Addresses, nonce: nonce));
        answer.Status.ShouldBe(401);
        answer.ProblemType.ShouldBe("signature-headers-invalid");
        answer.Fields.ShouldBe(["X-Nonce"]);
    }

    [Theory]
    [InlineData("1.7e9")]
    [InlineData("-1")]
    [InlineData("99999999999999999999")]
    public async Task a_malformed_timestamp_is_refused(string timestamp) =>
        await RefusedAsync(partner.Sign("GET", Addresses) with { Timestamp = timestamp }, "signature-headers-invalid", "X-Timestamp");

    [Fact]
    public async Task a_header_sent_twice_is_malformed()
    {
        var signed = partner.Sign("GET", Addresses);
        var answer = await partner.SendAsync(signed, h => h.TryAddWithoutValidation("X-Nonce", PartnerClient.NewNonce()));
        answer.Status.ShouldBe(401);
        answer.ProblemType.ShouldBe("signature-headers-invalid");
        answer.Fields.ShouldBe(["X-Nonce"]);
    }

    [Fact]
    public async Task a_body_over_64_kib_is_refused_before_it_is_hashed()
    {
        var huge = "{\"recipientName\":\"" + new string('x', 70_000) + "\"}";
        var answer = await partner.SendAsync(partner.Sign("POST", "/api/partners/parcels", huge));
        answer.Status.ShouldBe(413);
        answer.ProblemType.ShouldBe("body-too-large");
    }
}
