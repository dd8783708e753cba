using System.Net;
using System.Net.Http.Json;
using Cabinets.Domain.Access.AdminUsers;

namespace Cabinets.Api.Tests.Access;

public sealed class LoginTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task the_bootstrap_admin_signs_in_and_gets_an_expiring_token_and_the_sign_in_is_recorded()
    {
        using var http = api.Http();
        var response = await http.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = ApiFixture.AdminPassword });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        body!["token"].ToString()!.Length.ShouldBeGreaterThan(30);
        DateTimeOffset.Parse(body["expiresAt"].ToString()!, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(DateTimeOffset.UtcNow);

        var history = await api.StreamAsync(AdminUserEventNames.StreamId("admin"));
        history.Select(e => e.EventTypeName).ShouldContain("access.admin_user_created.v1");
        var signIn = history.Last(e => e.EventTypeName == "access.admin_signed_in.v1");
        signIn.UserName.ShouldBe("admin");
        signIn.Headers!["channel"].ToString().ShouldBe("http");
        history.ShouldAllBe(e => !System.Text.Json.JsonSerializer.Serialize(e.Headers, (System.Text.Json.JsonSerializerOptions?)null).Contains(ApiFixture.AdminPassword));
    }

    [Theory]
    [InlineData("admin", "wrong password")]
    [InlineData("nobody", "correct horse battery staple")]
    public async Task a_wrong_password_and_an_unknown_user_get_the_same_401_problem(string username, string password)
    {
        using var http = api.Http();
        var response = await http.PostAsJsonAsync("/api/auth/login", new { username, password });

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldContain("urn:cabinets:error:auth.invalid_credentials");
    }

    [Fact]
    public async Task a_login_without_a_password_is_a_validation_problem_naming_the_field()
    {
        using var http = api.Http();
        var response = await http.PostAsJsonAsync("/api/auth/login", new { username = "admin" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("password");
    }

    [Fact]
    public async Task stored_passwords_are_pbkdf2_hashes_never_the_password()
    {
        var history = await api.StreamAsync(AdminUserEventNames.StreamId("admin"));
        var created = history.Select(e => e.Data).OfType<AdminUserCreated>().Single();
        created.PasswordHash.ShouldStartWith("pbkdf2-sha256$");
        created.PasswordHash.ShouldNotContain(ApiFixture.AdminPassword);
    }
}
