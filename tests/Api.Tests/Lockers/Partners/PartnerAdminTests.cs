using Cabinets.Api.Lockers.Partners;
using Cabinets.Api.Tests.GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Cabinets.Api.Tests.Lockers.Partners;

/// <summary>Partners as the admin manages them over GraphQL (ADR-0023): credentials shown once, rotated whole, disabled for good.</summary>
public sealed class PartnerAdminTests(PartnersFixture api) : IClassFixture<PartnersFixture>
{
    private const string List = "{ partners(order: [{registeredAt: ASC}]) { totalCount nodes { partnerId name disabled registeredAt } } }";

    [Fact]
    public async Task registering_shows_the_secret_and_code_once_and_stores_neither_in_the_clear()
    {
        var (partner, code) = await api.RegisterAsync("顺丰速运");
        partner.Secret.Length.ShouldBe(64);
        code.Length.ShouldBe(32);

        var list = await api.GraphQLAsync(List);
        var node = list.GetProperty("partners").GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("partnerId").GetString() == partner.PartnerId);
        node.GetProperty("name").GetString().ShouldBe("顺丰速运");
        node.GetProperty("disabled").GetBoolean().ShouldBeFalse();
        list.ToString().ShouldNotContain(partner.Secret);
        list.ToString().ShouldNotContain(code);

        var stored = await api.StoredTextAsync();
        stored.ShouldContain(partner.PartnerId);
        stored.ShouldNotContain(partner.Secret);
        stored.ShouldNotContain(code);
        var events = await api.StreamAsync($"partner-{partner.PartnerId}");
        events.Single().UserName.ShouldBe("admin"); // the admin is the actor

        // No Partners:SecretKey in the tests: the server key was made once and kept in the database.
        await using var db = Npgsql.NpgsqlDataSource.Create(api.ConnectionString);
        await using var keys = db.CreateCommand("select count(*) from partners.secret_key");
        ((long)(await keys.ExecuteScalarAsync())!).ShouldBe(1);
    }

    [Fact]
    public async Task a_partner_has_no_field_that_reads_its_secret_back()
    {
        var answer = await (await api.AdminClientAsync()).PostGraphQLAsync("{ partners { nodes { partnerId secret } } }");
        answer.Errors.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task partner_fields_need_partners_manage()
    {
        var anonymous = await api.Http().PostGraphQLAsync("mutation { registerPartner(name: \"x\") { partnerId secret authCode } }");
        anonymous.Errors.ShouldNotBeEmpty();
        (await api.Http().PostGraphQLAsync(List)).Errors.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task the_authorization_code_finds_its_partner_until_it_is_rotated()
    {
        var (partner, code) = await api.RegisterAsync("中通快递");
        var directory = api.Services.GetRequiredService<PartnerDirectory>();
        (await directory.FindByAuthCodeAsync(code, CancellationToken.None)).ShouldNotBeNull().PartnerId.ShouldBe(partner.PartnerId);
        (await directory.FindByAuthCodeAsync(code + "0", CancellationToken.None)).ShouldBeNull();

        var rotated = (await api.GraphQLAsync("mutation($id: ID!) { rotatePartnerSecret(partnerId: $id) { partnerId secret authCode } }", new { id = partner.PartnerId }))
            .GetProperty("rotatePartnerSecret");
        rotated.GetProperty("partnerId").GetString().ShouldBe(partner.PartnerId);
        var newSecret = rotated.GetProperty("secret").GetString()!;
        var newCode = rotated.GetProperty("authCode").GetString()!;
        newSecret.ShouldNotBe(partner.Secret);
        (await directory.FindByAuthCodeAsync(code, CancellationToken.None)).ShouldBeNull();
        (await directory.FindByAuthCodeAsync(newCode, CancellationToken.None)).ShouldNotBeNull().PartnerId.ShouldBe(partner.PartnerId);
        (await directory.SigningSecretAsync(partner.PartnerId, CancellationToken.None)).ShouldBe(newSecret);
        (await api.StoredTextAsync()).ShouldNotContain(newSecret);
    }

    [Fact]
    public async Task a_disabled_partner_is_listed_as_disabled_and_can_no_longer_rotate()
    {
        var (partner, code) = await api.RegisterAsync("圆通速递");
        var disabled = (await api.GraphQLAsync("mutation($id: ID!) { disablePartner(partnerId: $id) { partnerId disabled } }", new { id = partner.PartnerId }))
            .GetProperty("disablePartner");
        disabled.GetProperty("disabled").GetBoolean().ShouldBeTrue();
        (await api.GraphQLAsync("mutation($id: ID!) { disablePartner(partnerId: $id) { disabled } }", new { id = partner.PartnerId }))
            .GetProperty("disablePartner").GetProperty("disabled").GetBoolean().ShouldBeTrue(); // again: no-op
        (await api.StreamAsync($"partner-{partner.PartnerId}")).Count.ShouldBe(2);

        var rotate = await (await api.AdminClientAsync()).PostGraphQLAsync(
            "mutation($id: ID!) { rotatePartnerSecret(partnerId: $id) { secret } }", new { id = partner.PartnerId });
        rotate.Errors.Single().GetProperty("extensions").GetProperty("code").GetString().ShouldBe("partner.disabled");

        var directory = api.Services.GetRequiredService<PartnerDirectory>();
        (await directory.FindByAuthCodeAsync(code, CancellationToken.None)).ShouldNotBeNull().Disabled.ShouldBeTrue();
        (await directory.SigningSecretAsync(partner.PartnerId, CancellationToken.None)).ShouldBeNull();
        var list = await api.GraphQLAsync("{ partners(where: {disabled: {eq: true}}) { nodes { partnerId } } }");
        list.GetProperty("partners").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("partnerId").GetString()).ShouldContain(partner.PartnerId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("名\u0000字")]
    public async Task a_partner_needs_a_printable_name(string name)
    {
        var answer = await (await api.AdminClientAsync()).PostGraphQLAsync(
            "mutation($name: String!) { registerPartner(name: $name) { partnerId } }", new { name });
        var error = answer.Errors.Single();
        error.GetProperty("extensions").GetProperty("code").GetString().ShouldBe("partner.invalid_name");
        error.GetProperty("extensions").GetProperty("fields")[0].GetString().ShouldBe("name");
    }

    [Fact]
    public async Task an_unknown_partner_cannot_be_rotated_or_disabled()
    {
        var admin = await api.AdminClientAsync();
        (await admin.PostGraphQLAsync("mutation { rotatePartnerSecret(partnerId: \"ptnnobody\") { secret } }"))
            .Errors.Single().GetProperty("extensions").GetProperty("code").GetString().ShouldBe("partner.not_found");
        (await admin.PostGraphQLAsync("mutation { disablePartner(partnerId: \"ptnnobody\") { disabled } }"))
            .Errors.Single().GetProperty("extensions").GetProperty("code").GetString().ShouldBe("partner.not_found");
    }

    [Fact]
    public async Task the_openapi_document_lists_the_four_partner_paths_with_their_headers_and_problems()
    {
        var response = await api.Http().GetAsync("/openapi/partners.json");
        response.IsSuccessStatusCode.ShouldBeTrue();
        var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldBe(["/api/partners/addresses", "/api/partners/free-doors", "/api/partners/parcels", "/api/partners/parcels/{recordNumber}"], ignoreOrder: true);

        var post = doc.GetProperty("paths").GetProperty("/api/partners/parcels").GetProperty("post");
        var headers = post.GetProperty("parameters").EnumerateArray().Where(p => p.GetProperty("in").GetString() == "header")
            .Select(p => p.GetProperty("name").GetString()).ToList();
        headers.ShouldBe(["X-Partner-Id", "X-Timestamp", "X-Nonce", "X-Signature", "Idempotency-Key"], ignoreOrder: true);
        var responses = post.GetProperty("responses");
        foreach (var status in new[] { "201", "401", "409", "422" }) responses.TryGetProperty(status, out _).ShouldBeTrue(status);
        responses.GetProperty("409").GetProperty("content").TryGetProperty("application/problem+json", out _).ShouldBeTrue();
        var get = doc.GetProperty("paths").GetProperty("/api/partners/parcels/{recordNumber}").GetProperty("get");
        get.GetProperty("responses").TryGetProperty("404", out _).ShouldBeTrue();
        doc.GetProperty("info").GetProperty("description").GetString().ShouldNotBeNull().ShouldContain("https://cabinets.example/problems/signature-invalid");
    }
}
