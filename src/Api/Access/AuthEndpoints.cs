using Cabinets.Api.Commands;
using Cabinets.Domain.Access.AdminUsers;
using Cabinets.Projections.Access.AdminUsers;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace Cabinets.Api.Access;

/// <summary>`POST /api/auth/login` → `{token, expiresAt}`; 401 problem+json otherwise, the same for unknown users and wrong passwords.</summary>
internal static class AuthEndpoints
{
    public const string LoginRateLimit = "login";

    // Verified against when the user does not exist, so both failures cost the same time.
    private static readonly string DecoyHash = new PasswordHasher(PasswordHasher.DefaultIterations).Hash(Guid.NewGuid().ToString());

    public sealed record LoginRequest(string? Username, string? Password);

    public sealed record LoginAnswer(string Token, DateTimeOffset ExpiresAt);

    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/login", LoginAsync).RequireRateLimiting(LoginRateLimit).AllowAnonymous();
        return app;
    }

    private static async Task<IResult> LoginAsync(LoginRequest request, IQuerySession store, TokenStore tokens,
        CommandSender commands, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Username) || string.IsNullOrEmpty(request.Password))
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["username"] = string.IsNullOrWhiteSpace(request.Username) ? ["required"] : [],
                ["password"] = string.IsNullOrEmpty(request.Password) ? ["required"] : [],
            }.Where(kv => kv.Value.Length > 0).ToDictionary(), type: "urn:cabinets:error:validation");

        var username = request.Username.Trim();
        var user = (await store.LoadAsync<AdminUserSnapshot>(AdminUserEventNames.StreamId(username), ct))?.State;
        var ok = PasswordHasher.Verify(request.Password, user?.PasswordHash ?? DecoyHash) && user is { Exists: true };
        if (!ok) return Unauthorized();

        var actor = new Actor(username, string.Join(',', user!.Roles), "http");
        var recorded = await commands.SendAsync(new RecordSignIn(username, clock.GetUtcNow()),
            new CommandContext(actor, CorrelationId: http.TraceIdentifier), ct);
        if (recorded is not CommandOutcome.Accepted) return Unauthorized();

        var (token, expires) = await tokens.IssueAsync(username, user.Roles, user.StationId, ct);
        return Results.Ok(new LoginAnswer(token, expires));
    }

    private static IResult Unauthorized() => Results.Problem(new ProblemDetails
    {
        Type = "urn:cabinets:error:auth.invalid_credentials",
        Status = StatusCodes.Status401Unauthorized,
        Title = "Invalid username or password.",
    });
}
