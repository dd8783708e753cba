using System.Net;
using System.Text.Json;
using Cabinets.Api.Tests.GraphQL;
using Cabinets.Domain.Access.AdminUsers;

namespace Cabinets.Api.Tests.Access;

/// <summary>Accounts over real HTTP against PostgreSQL: each change takes effect on the next request and is an event with its actor.</summary>
public sealed class AdminUserFlowTests(AccessFixture api) : IClassFixture<AccessFixture>
{
    private const string Me = "{ me { username roles permissions mustChangePassword } }";

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Fact]
    public async Task a_created_user_signs_in_and_sees_its_roles_and_permissions_and_the_creation_carries_the_admin_as_actor()
    {
        await api.CreateUserAsync("olga", "operator");
        using var olga = await api.SignInAsync("olga");

        var me = (await olga.PostGraphQLAsync(Me)).Ok().GetProperty("me");
        me.GetProperty("username").GetString().ShouldBe("olga");
        Strings(me.GetProperty("roles")).ShouldBe(["operator"]);
        Strings(me.GetProperty("permissions")).ShouldBe(["account.self", "lockers.read", "lockers.write", "operations.read"], ignoreOrder: true);

        var created = (await api.StreamAsync(AdminUserEventNames.StreamId("olga"))).First();
        created.Data.ShouldBeOfType<AdminUserCreated>().PasswordHash.ShouldStartWith("pbkdf2-sha256$");
        created.UserName.ShouldBe("admin");
        created.Headers!["channel"].ToString().ShouldBe("graphql");
        created.Headers["role"].ToString().ShouldBe("admin");
        created.CorrelationId.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task disabling_a_user_stops_its_token_at_once_and_refuses_its_sign_in_like_a_wrong_password()
    {
        await api.CreateUserAsync("dora", "operator");
        using var dora = await api.SignInAsync("dora");
        (await dora.PostGraphQLAsync(Me)).Ok();

        using var admin = await api.AdminAsync();
        var disabled = (await admin.PostGraphQLAsync("mutation { disableAdminUser(username: \"dora\") { disabled } }")).Ok();
        disabled.GetProperty("disableAdminUser").GetProperty("disabled").GetBoolean().ShouldBeTrue();

        var after = await dora.PostGraphQLAsync(Me);
        after.Data.GetProperty("me").ValueKind.ShouldBe(JsonValueKind.Null);
        await using (var second = await api.StartNodeAsync())
        {
            using var elsewhere = second.Server.CreateClient();
            elsewhere.DefaultRequestHeaders.Authorization = dora.DefaultRequestHeaders.Authorization;
            (await elsewhere.PostGraphQLAsync(Me)).Data.GetProperty("me").ValueKind.ShouldBe(JsonValueKind.Null);
        }
        (await api.LoginAsync("dora", AccessFixture.Password)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await admin.PostGraphQLAsync("mutation { resetPassword(username: \"dora\", temporaryPassword: \"another long password\") { username } }"))
            .Errors.Single().Code().ShouldBe(AdminUserDecider.Errors.Disabled);
    }

    [Fact]
    public async Task an_admin_cannot_disable_their_own_account()
    {
        using var admin = await api.AdminAsync();
        (await admin.PostGraphQLAsync("mutation { disableAdminUser(username: \"admin\") { disabled } }")).Errors.Single().Code().ShouldBe("admin_user.self");
    }

    [Fact]
    public async Task a_reset_ends_the_sessions_and_the_one_time_password_only_lets_the_user_change_it()
    {
        await api.CreateUserAsync("rita", "operator");
        using var before = await api.SignInAsync("rita");
        using var admin = await api.AdminAsync();
        (await admin.PostGraphQLAsync("mutation { resetPassword(username: \"rita\", temporaryPassword: \"one-time password 1\") { mustChangePassword } }"))
            .Ok().GetProperty("resetPassword").GetProperty("mustChangePassword").GetBoolean().ShouldBeTrue();
        api.Tick();

        (await before.PostGraphQLAsync(Me)).Data.GetProperty("me").ValueKind.ShouldBe(JsonValueKind.Null);
        (await api.LoginAsync("rita", AccessFixture.Password)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var login = await api.LoginAsync("rita", "one-time password 1");
        (await login.Content.ReadAsStringAsync()).ShouldContain("\"mustChangePassword\":true");

        using var rita = await api.SignInAsync("rita", "one-time password 1");
        var me = (await rita.PostGraphQLAsync(Me)).Ok().GetProperty("me");
        Strings(me.GetProperty("permissions")).ShouldBe(["account.self"]);
        (await rita.PostGraphQLAsync("{ freeDoorCount }")).Errors.ShouldContain(e => e.Code() == "FORBIDDEN");

        (await rita.PostGraphQLAsync("mutation { changePassword(oldPassword: \"wrong password 123\", newPassword: \"my own new password\") }"))
            .Errors.Single().Code().ShouldBe("admin_user.wrong_password");
        (await rita.PostGraphQLAsync("mutation { changePassword(oldPassword: \"one-time password 1\", newPassword: \"short\") }"))
            .Errors.Single().Code().ShouldBe("BAD_USER_INPUT");
        (await rita.PostGraphQLAsync("mutation { changePassword(oldPassword: \"one-time password 1\", newPassword: \"my own new password\") }"))
            .Ok().GetProperty("changePassword").GetBoolean().ShouldBeTrue();

        var now = (await rita.PostGraphQLAsync(Me)).Ok().GetProperty("me");
        now.GetProperty("mustChangePassword").GetBoolean().ShouldBeFalse();
        Strings(now.GetProperty("permissions")).ShouldContain("lockers.read");
        (await api.LoginAsync("rita", "my own new password")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var history = await api.StreamAsync(AdminUserEventNames.StreamId("rita"));
        history.Single(e => e.Data is AdminPasswordReset).UserName.ShouldBe("admin");
        history.Single(e => e.Data is AdminPasswordChanged).UserName.ShouldBe("rita");
        JsonSerializer.Serialize(history.Select(e => e.Data).ToList()).ShouldNotContain("my own new password");
    }

    [Fact]
    public async Task a_defined_role_assigned_to_a_user_grants_its_permissions_on_the_next_request_and_a_redefinition_too()
    {
        await api.CreateUserAsync("carl", "auditor");
        using var carl = await api.SignInAsync("carl");
        using var admin = await api.AdminAsync();

        var role = (await admin.PostGraphQLAsync("mutation { defineRole(name: \"partner-desk\", permissions: [\"partners.manage\"]) { name permissions builtIn } }"))
            .Ok().GetProperty("defineRole");
        Strings(role.GetProperty("permissions")).ShouldBe(["partners.manage"]);
        role.GetProperty("builtIn").GetBoolean().ShouldBeFalse();
        (await admin.PostGraphQLAsync("mutation { assignRoles(username: \"carl\", roles: [\"partner-desk\"]) { roles } }")).Ok();
        (await api.StreamAsync("role-partner-desk")).ShouldHaveSingleItem().UserName.ShouldBe("admin");

        var me = (await carl.PostGraphQLAsync(Me)).Ok().GetProperty("me");
        Strings(me.GetProperty("roles")).ShouldBe(["partner-desk"]);
        Strings(me.GetProperty("permissions")).ShouldBe(["account.self", "partners.manage"], ignoreOrder: true);

        (await admin.PostGraphQLAsync("mutation { defineRole(name: \"partner-desk\", permissions: [\"partners.manage\", \"audit.read\"]) { name } }")).Ok();
        Strings((await carl.PostGraphQLAsync(Me)).Ok().GetProperty("me").GetProperty("permissions")).ShouldContain("audit.read");

        var roles = (await admin.PostGraphQLAsync("{ roles { name builtIn } }")).Ok().GetProperty("roles").EnumerateArray()
            .Select(r => r.GetProperty("name").GetString()).ToList();
        roles.ShouldBe(["admin", "operator", "auditor", "station", "partner-desk"]);
        (await admin.PostGraphQLAsync("mutation { defineRole(name: \"admin\", permissions: [\"audit.read\"]) { name } }"))
            .Errors.Single().Code().ShouldBe("role.built_in");
        (await admin.PostGraphQLAsync("mutation { assignRoles(username: \"carl\", roles: [\"ghost\"]) { roles } }"))
            .Errors.Single().Code().ShouldBe(AdminUserDecider.Errors.UnknownRole);
    }

    [Fact]
    public async Task revoking_ends_every_session_of_the_user_and_a_new_sign_in_works()
    {
        await api.CreateUserAsync("vera", "operator");
        using var one = await api.SignInAsync("vera");
        using var two = await api.SignInAsync("vera");
        using var admin = await api.AdminAsync();
        (await admin.PostGraphQLAsync("mutation { revokeSessions(username: \"vera\") }")).Ok();
        api.Tick();

        (await one.PostGraphQLAsync(Me)).Data.GetProperty("me").ValueKind.ShouldBe(JsonValueKind.Null);
        (await two.PostGraphQLAsync(Me)).Data.GetProperty("me").ValueKind.ShouldBe(JsonValueKind.Null);
        using var three = await api.SignInAsync("vera");
        (await three.PostGraphQLAsync(Me)).Ok().GetProperty("me").GetProperty("username").GetString().ShouldBe("vera");
        (await api.StreamAsync(AdminUserEventNames.StreamId("vera"))).Single(e => e.Data is AdminSessionsRevoked).UserName.ShouldBe("admin");
    }

    [Fact]
    public async Task logout_ends_only_that_token_and_is_recorded()
    {
        await api.CreateUserAsync("lena", "operator");
        using var leaving = await api.SignInAsync("lena");
        using var staying = await api.SignInAsync("lena");

        (await leaving.PostAsync("/api/auth/logout", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await leaving.PostGraphQLAsync(Me)).Data.GetProperty("me").ValueKind.ShouldBe(JsonValueKind.Null);
        (await leaving.PostAsync("/api/auth/logout", null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await staying.PostGraphQLAsync(Me)).Ok().GetProperty("me").GetProperty("username").GetString().ShouldBe("lena");
        (await api.StreamAsync(AdminUserEventNames.StreamId("lena"))).Single(e => e.Data is AdminSignedOut).UserName.ShouldBe("lena");
    }

    [Fact]
    public async Task a_token_expires_after_its_configured_lifetime()
    {
        await api.CreateUserAsync("tom", "operator");
        using var tom = await api.SignInAsync("tom");
        api.Clock.Advance(TimeSpan.FromMinutes(59));
        (await tom.PostGraphQLAsync(Me)).Ok().GetProperty("me").GetProperty("username").GetString().ShouldBe("tom");
        api.Clock.Advance(TimeSpan.FromMinutes(2));
        (await tom.PostGraphQLAsync(Me)).Data.GetProperty("me").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task admin_users_lists_accounts_without_their_hashes_and_filters_in_the_database()
    {
        await api.CreateUserAsync("sara", "station");
        using var admin = await api.AdminAsync();
        var page = (await admin.PostGraphQLAsync("{ adminUsers(where: {username: {eq: \"sara\"}}) { totalCount nodes { username roles disabled mustChangePassword } } }"))
            .Ok().GetProperty("adminUsers");
        page.GetProperty("totalCount").GetInt32().ShouldBe(1);
        var sara = page.GetProperty("nodes")[0];
        Strings(sara.GetProperty("roles")).ShouldBe(["station"]);
        sara.GetProperty("disabled").GetBoolean().ShouldBeFalse();
        page.ToString().ShouldNotContain("pbkdf2");
        using var olgaLike = await api.SignInAsync("sara");
        (await olgaLike.PostGraphQLAsync("{ adminUsers { totalCount } }")).Errors.ShouldContain(e => e.Code() == "FORBIDDEN");
    }

    [Fact]
    public async Task a_station_user_created_over_graphql_keeps_its_station_scope()
    {
        using var admin = await api.AdminAsync();
        (await admin.PostGraphQLAsync("mutation($input: CreateAdminUserInput!) { createAdminUser(input: $input) { stationId } }",
            new { input = new { username = "stan", password = AccessFixture.Password, roles = new[] { "station" }, stationId = "T1001" } }))
            .Ok().GetProperty("createAdminUser").GetProperty("stationId").GetString().ShouldBe("T1001");
        api.Tick();
        using var stan = await api.SignInAsync("stan");
        (await stan.PostGraphQLAsync("{ me { stationId } }")).Ok().GetProperty("me").GetProperty("stationId").GetString().ShouldBe("T1001");
    }
}
