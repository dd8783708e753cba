using System.Net.Http.Json;
using System.Text.Json;
using Cabinets.Api.Tests.GraphQL;
using Cabinets.Api.Tests.Lockers.Parcels;
using Microsoft.Extensions.DependencyInjection;

namespace Cabinets.Api.Tests.Access;

/// <summary>
/// The Api with a clock the tests move (token expiry, lockout windows, revocation instants) and a
/// login rate limit out of the way: the lockout is under test here, not the limiter.
/// </summary>
public class AccessFixture : ApiFixture
{
    public const string Password = "a long enough password";

    public MutableClock Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Auth:LoginPermitsPerMinute"] = "100000",
        ["Auth:TokenLifetimeMinutes"] = "60",
    };

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    /// <summary>Moves the clock on, so that what follows happens strictly after what came before.</summary>
    public void Tick() => Clock.Advance(TimeSpan.FromSeconds(1));

    public async Task<HttpResponseMessage> LoginAsync(string username, string password)
    {
        using var http = Http();
        return await http.PostAsJsonAsync("/api/auth/login", new { username, password });
    }

    /// <summary>A client holding a fresh token of the user.</summary>
    public async Task<HttpClient> SignInAsync(string username, string password = Password)
    {
        var login = await LoginAsync(username, password);
        login.EnsureSuccessStatusCode();
        var http = Http();
        http.DefaultRequestHeaders.Authorization = new("Bearer", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());
        Tick();
        return http;
    }

    /// <summary>Creates the user through the GraphQL mutation, as the bootstrap admin.</summary>
    public async Task CreateUserAsync(string username, params string[] roles)
    {
        using var admin = await AdminAsync();
        var created = await admin.PostGraphQLAsync("mutation($input: CreateAdminUserInput!) { createAdminUser(input: $input) { username } }",
            new { input = new { username, password = Password, roles } });
        created.Errors.ShouldBeEmpty();
        Tick();
    }
}

public static class GraphQLAssertions
{
    public static string Code(this JsonElement error) => error.GetProperty("extensions").GetProperty("code").GetString()!;

    public static JsonElement Ok(this GraphQLClient.Response response)
    {
        response.Errors.ShouldBeEmpty();
        return response.Data;
    }
}
