using System.Text.Json;
using Cabinets.Api.Tests.GraphQL;

namespace Cabinets.Api.Tests.Access;

/// <summary>`adminActions` reads who did what, when and from which request out of Marten's event metadata.</summary>
public sealed class AdminActionsTests(AccessFixture api) : IClassFixture<AccessFixture>
{
    private const string Query = """
        query($first: Int, $after: String, $where: AdminActionFilterInput) {
          adminActions(first: $first, after: $after, where: $where) {
            totalCount
            pageInfo { hasNextPage endCursor }
            nodes { position at streamId streamType version eventType actor role channel correlationId causationId }
          }
        }
        """;

    private static JsonElement Page(GraphQLClient.Response response) => response.Ok().GetProperty("adminActions");

    [Fact]
    public async Task an_admins_changes_are_listed_newest_first_with_actor_role_channel_and_request_ids()
    {
        var from = DateTimeOffset.UtcNow.AddSeconds(-5);
        await api.CreateUserAsync("max", "operator");
        using var admin = await api.AdminAsync();
        (await admin.PostGraphQLAsync("mutation { assignRoles(username: \"max\", roles: [\"auditor\"]) { username } }")).Ok();

        var page = Page(await admin.PostGraphQLAsync(Query, new { where = new { actor = "admin", streamType = "admin-user", from } }));
        var nodes = page.GetProperty("nodes").EnumerateArray().Where(n => n.GetProperty("streamId").GetString() == "admin-user-max").ToList();
        nodes.Select(n => n.GetProperty("eventType").GetString()).ShouldBe(["access.admin_roles_assigned.v1", "access.admin_user_created.v1"]);
        var assigned = nodes[0];
        assigned.GetProperty("actor").GetString().ShouldBe("admin");
        assigned.GetProperty("role").GetString().ShouldBe("admin");
        assigned.GetProperty("channel").GetString().ShouldBe("graphql");
        assigned.GetProperty("streamType").GetString().ShouldBe("admin-user");
        assigned.GetProperty("version").GetInt64().ShouldBe(2);
        assigned.GetProperty("correlationId").GetString().ShouldNotBeNullOrEmpty();
        assigned.GetProperty("causationId").GetString().ShouldNotBeNullOrEmpty();
        nodes[0].GetProperty("correlationId").GetString().ShouldNotBe(nodes[1].GetProperty("correlationId").GetString());
        page.ToString().ShouldNotContain("pbkdf2");
    }

    [Fact]
    public async Task the_filters_narrow_by_event_type_with_or_without_version_by_time_and_by_correlation()
    {
        await api.CreateUserAsync("ivy", "operator");
        using var admin = await api.AdminAsync();
        (await admin.PostGraphQLAsync("mutation { revokeSessions(username: \"ivy\") }")).Ok();

        var revoked = Page(await admin.PostGraphQLAsync(Query, new { where = new { eventType = "access.admin_sessions_revoked" } }));
        var node = revoked.GetProperty("nodes").EnumerateArray().ShouldHaveSingleItem();
        node.GetProperty("streamId").GetString().ShouldBe("admin-user-ivy");
        Page(await admin.PostGraphQLAsync(Query, new { where = new { eventType = "access.admin_sessions_revoked.v1" } }))
            .GetProperty("totalCount").GetInt32().ShouldBe(1);
        Page(await admin.PostGraphQLAsync(Query, new { where = new { eventType = "access.admin%" } }))
            .GetProperty("totalCount").GetInt32().ShouldBe(0); // LIKE wildcards are literal

        var correlation = node.GetProperty("correlationId").GetString();
        Page(await admin.PostGraphQLAsync(Query, new { where = new { correlationId = correlation } })).GetProperty("totalCount").GetInt32().ShouldBe(1);
        var at = node.GetProperty("at").GetDateTimeOffset();
        Page(await admin.PostGraphQLAsync(Query, new { where = new { eventType = "access.admin_sessions_revoked", to = at } }))
            .GetProperty("totalCount").GetInt32().ShouldBe(0);
        Page(await admin.PostGraphQLAsync(Query, new { where = new { eventType = "access.admin_sessions_revoked", from = at, to = at.AddSeconds(1) } }))
            .GetProperty("totalCount").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task pages_follow_the_cursor_without_gaps_or_repeats()
    {
        for (var i = 0; i < 3; i++) await api.CreateUserAsync($"page{i}", "operator");
        using var admin = await api.AdminAsync();
        var all = (await admin.PostGraphQLAsync("{ adminActions(first: 100) { nodes { position } } }")).Ok().GetProperty("adminActions").GetProperty("nodes").EnumerateArray()
            .Select(n => n.GetProperty("position").GetInt64()).ToList();
        all.ShouldBe(all.OrderDescending().ToList());

        var seen = new List<long>();
        string? after = null;
        do
        {
            var page = Page(await admin.PostGraphQLAsync(Query, new { first = 2, after }));
            seen.AddRange(page.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("position").GetInt64()));
            after = page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean() ? page.GetProperty("pageInfo").GetProperty("endCursor").GetString() : null;
        }
        while (after is not null && seen.Count < 400);
        seen.Take(all.Count).ShouldBe(all);
        (await admin.PostGraphQLAsync(Query, new { after = "bm90LWEtY3Vyc29y" })).Errors.Single().Code().ShouldBe("BAD_USER_INPUT");
        (await admin.PostGraphQLAsync("{ adminActions(first: 101) { totalCount } }")).Errors.Single().Code().ShouldBe("BAD_USER_INPUT");
    }

    [Fact]
    public async Task auditors_read_the_actions_and_operators_may_not()
    {
        await api.CreateUserAsync("aud", "auditor");
        await api.CreateUserAsync("opr", "operator");
        using var auditor = await api.SignInAsync("aud");
        using var operatorUser = await api.SignInAsync("opr");
        Page(await auditor.PostGraphQLAsync(Query, new { first = 1 })).GetProperty("nodes").GetArrayLength().ShouldBe(1);
        (await operatorUser.PostGraphQLAsync(Query)).Errors.Single().Code().ShouldBe("FORBIDDEN");
    }
}
