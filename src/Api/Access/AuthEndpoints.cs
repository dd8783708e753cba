using System.Globalization;
using Cabinets.Api.Commands;
using Cabinets.Api.Observability;
using Cabinets.Domain.Access.AdminUsers;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace Cabinets.Api.Access;

/// <summary>
/// `POST /api/auth/login` → `{token, expiresAt, mustChangePassword}`; 401 problem+json otherwise, the
/// same for unknown users, wrong passwords and disabled accounts; 429 problem+json with
/// `Retry-After` while the username is locked out (ADR-0026). `POST /api/auth/logout` ends the
/// caller's session (204).
/// </summary>
internal static class AuthEndpoints
{
    public const string LoginRateLimit = RateLimits.LoginPolicy; // per client IP; per username below (ADR-0027)
    public const string LockedOutType = "urn:cabinets:error:auth.locked_out";

    // Verified against when the user does not exist, so both failures cost the same time.
    private static readonly string DecoyHash = new PasswordHasher(PasswordHasher.DefaultIterations).Hash(Guid.NewGuid().ToString());

    public sealed record LoginRequest(string? Username, string? Password);

    public sealed record LoginAnswer(string Token, DateTimeOffset ExpiresAt, bool MustChangePassword);

    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/login", LoginAsync).RequireRateLimiting(LoginRateLimit).AllowAnonymous();
        app.MapPost("/api/auth/logout", LogoutAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> LoginAsync(LoginRequest request, IQuerySession store, TokenStore tokens, LoginLockout lockout,
        CommandSender commands, LoginLimiter limiter, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Username) || string.IsNullOrEmpty(request.Password))
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["username"] = string.IsNullOrWhiteSpace(request.Username) ? ["required"] : [],
                ["password"] = string.IsNullOrEmpty(request.Password) ? ["required"] : [],
            }.Where(kv => kv.Value.Length > 0).ToDictionary(), type: "urn:cabinets:error:validation");

        var username = request.Username.Trim();
        // Attempts per username first (in memory, ADR-0027), then the lockout after failures (ADR-0026).
        if (limiter.Refusal(username) is { } tooMany) return tooMany;
        if (await lockout.LockedUntilAsync(username, ct) is { } until) return LockedOut(http, until - clock.GetUtcNow());

        var user = await TokenStore.LoadUserAsync(store, username, ct);
        var ok = PasswordHasher.Verify(request.Password, user?.PasswordHash ?? DecoyHash) && user is { Exists: true, Disabled: false };
        if (!ok)
        {
            await lockout.RecordFailureAsync(username, ct);
            return Unauthorized();
        }

        var actor = new Actor(username, string.Join(',', user!.Roles), "http");
        var recorded = await commands.SendAsync(new RecordSignIn(username, clock.GetUtcNow()),
            new CommandContext(actor, CorrelationId: http.TraceIdentifier), ct);
        if (recorded is not CommandOutcome.Accepted) return Unauthorized();

        await lockout.ClearAsync(username, ct);
        var (token, expires) = await tokens.IssueAsync(username, user.Roles, user.StationId, ct);
        return Results.Ok(new LoginAnswer(token, expires, user.MustChangePassword));
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, TokenStore tokens, CommandSender commands, TimeProvider clock, CancellationToken ct)
    {
        var token = http.Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
        if (await tokens.RevokeAsync(token, ct) is { } username)
        {
            var actor = new Actor(username, string.Join(',', http.User.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value)), "http");
            await commands.SendAsync(new RecordSignOut(username, clock.GetUtcNow()), new CommandContext(actor, CorrelationId: http.TraceIdentifier), ct);
        }
        return Results.NoContent();
    }

    private static IResult Unauthorized() => Results.Problem(new ProblemDetails
    {
        Type = "urn:cabinets:error:auth.invalid_credentials",
        Status = StatusCodes.Status401Unauthorized,
        Title = "Invalid username or password.",
    });

    /// <summary>429, not 423: a client backs off on `Retry-After` as for any rate limit, and the answer names no account (ADR-0026).</summary>
    private static IResult LockedOut(HttpContext http, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Results.Problem(new ProblemDetails
        {
            Type = LockedOutType,
            Status = StatusCodes.Status429TooManyRequests,
            Title = "Too many failed sign-ins; try again later.",
            Detail = $"Sign-in for this username is refused for {seconds} s.",
        });
    }
}
