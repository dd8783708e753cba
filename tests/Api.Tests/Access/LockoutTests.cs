using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cabinets.Api.Tests.GraphQL;

namespace Cabinets.Api.Tests.Access;

/// <summary>5 failures in 15 minutes lock a username for 15 minutes; kept in PostgreSQL, so every node agrees (ADR-0026).</summary>
public sealed class LockoutTests(AccessFixture api) : IClassFixture<AccessFixture>
{
    private async Task FailAsync(string username, int times)
    {
        for (var i = 0; i < times; i++)
            (await api.LoginAsync(username, "not the password")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static async Task ShouldBeLockedOut(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        int.Parse(response.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 15 * 60);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("type").GetString().ShouldBe("urn:cabinets:error:auth.locked_out");
    }

    [Fact]
    public async Task five_failures_lock_the_account_even_against_the_right_password_until_fifteen_minutes_after_the_last()
    {
        await api.CreateUserAsync("lily", "operator");
        await FailAsync("lily", 4);
        (await api.LoginAsync("lily", AccessFixture.Password)).StatusCode.ShouldBe(HttpStatusCode.OK); // a success clears the count
        await FailAsync("lily", 5);

        await ShouldBeLockedOut(await api.LoginAsync("lily", AccessFixture.Password));
        api.Clock.Advance(TimeSpan.FromMinutes(14));
        await ShouldBeLockedOut(await api.LoginAsync("lily", AccessFixture.Password));
        api.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        (await api.LoginAsync("lily", AccessFixture.Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task failures_spread_over_more_than_fifteen_minutes_do_not_lock()
    {
        await api.CreateUserAsync("sam", "operator");
        for (var i = 0; i < 6; i++)
        {
            await FailAsync("sam", 1);
            api.Clock.Advance(TimeSpan.FromMinutes(4));
        }
        (await api.LoginAsync("sam", AccessFixture.Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task an_unknown_username_locks_the_same_way_so_the_answer_never_tells_whether_it_exists()
    {
        await FailAsync("nobody-at-all", 5);
        var unknown = await api.LoginAsync("nobody-at-all", "anything at all");
        await ShouldBeLockedOut(unknown);
        (await unknown.Content.ReadAsStringAsync()).ShouldNotContain("nobody-at-all");
    }

    [Fact]
    public async Task the_lock_holds_on_every_node_and_other_users_are_not_affected()
    {
        await api.CreateUserAsync("nina", "operator");
        await api.CreateUserAsync("otto", "operator");
        await FailAsync("nina", 5);

        await using var second = await api.StartNodeAsync(new Dictionary<string, string> { ["Auth:LoginPermitsPerMinute"] = "100000" });
        using var http = second.Server.CreateClient();
        await ShouldBeLockedOut(await http.PostAsJsonAsync("/api/auth/login", new { username = "nina", password = AccessFixture.Password }));
        (await http.PostAsJsonAsync("/api/auth/login", new { username = "otto", password = AccessFixture.Password })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task an_admins_password_reset_lifts_the_lock()
    {
        await api.CreateUserAsync("rex", "operator");
        await FailAsync("rex", 5);
        await ShouldBeLockedOut(await api.LoginAsync("rex", AccessFixture.Password));
        using var admin = await api.AdminAsync();
        (await admin.PostGraphQLAsync("mutation { resetPassword(username: \"rex\", temporaryPassword: \"one-time password 5\") { username } }")).Ok();
        api.Tick();
        (await api.LoginAsync("rex", "one-time password 5")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
