using System.Globalization;
using System.Threading.RateLimiting;
using Cabinets.Api.Lockers.Partners.Rest;
using Microsoft.AspNetCore.RateLimiting;

namespace Cabinets.Api.Observability;

/// <summary>A fixed window: this many requests per window and partition; a limit of 0 or less turns it off.</summary>
public sealed record RateLimit(int PermitLimit, TimeSpan Window)
{
    public RateLimitPartition<string> Partition(string key) => PermitLimit <= 0
        ? RateLimitPartition.GetNoLimiter(key)
        : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = PermitLimit, Window = Window, QueueLimit = 0, AutoReplenishment = true,
        });

    /// <summary>`RateLimits:{name}:PermitLimit` and `…:WindowSeconds` over the defaults.</summary>
    public static RateLimit From(IConfiguration config, string name, int permits, double windowSeconds) => new(
        config.GetValue($"RateLimits:{name}:PermitLimit", permits),
        TimeSpan.FromSeconds(config.GetValue($"RateLimits:{name}:WindowSeconds", windowSeconds)));
}

/// <summary>The limits of each surface (ADR-0027); defaults are above what one honest client sends.</summary>
public sealed record RateLimitSettings(RateLimit Partner, RateLimit LoginIp, RateLimit LoginUser, RateLimit App)
{
    public static RateLimitSettings From(IConfiguration config) => new(
        RateLimit.From(config, "Partner", 1200, 60),
        // ADR-0026 named the per-IP login limit `Auth:LoginPermitsPerMinute` (default 10); it stays the fallback.
        RateLimit.From(config, "LoginIp", config.GetValue("Auth:LoginPermitsPerMinute", 10), 60),
        // Counts every attempt, successful ones too, across IPs; the lockout (ADR-0026) counts failures.
        RateLimit.From(config, "LoginUser", 120, 60),
        RateLimit.From(config, "App", 600, 60));
}

/// <summary>
/// The ASP.NET Core rate limiter over the partner REST (per `X-Partner-Id`), the login (per client
/// IP here, per username in <see cref="LoginLimiter"/>) and the mini-program's `/api/app` (per
/// mini-program token: its SHA-256, not the token, since the app's tokens are checked after the
/// limiter, by the endpoints' own filter). A refusal is 429 problem+json with
/// `Retry-After` in whole seconds (ADR-0027).
/// </summary>
public static class RateLimits
{
    public const string PartnerPolicy = "partner";
    public const string LoginPolicy = "login";
    public const string AppPolicy = "app";
    public const string ProblemType = "urn:cabinets:error:rate_limited";

    /// <summary>A mini-program caller: its bearer token's hash (one user's session), else its address.</summary>
    private static string AppCallerKey(HttpContext http) =>
        http.Request.Headers.Authorization.ToString() is { Length: > 7 } bearer
            ? "token:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(bearer)))
            : ClientIp(http);

    public static IServiceCollection AddRateLimits(this IServiceCollection services, RateLimitSettings limits) => services
        .AddSingleton(limits)
        .AddSingleton<LoginLimiter>()
        .AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(PartnerPolicy, http => limits.Partner.Partition(PartnerKey(http)));
            options.AddPolicy(LoginPolicy, http => limits.LoginIp.Partition(ClientIp(http)));
            options.AddPolicy(AppPolicy, http => limits.App.Partition(AppCallerKey(http)));
            options.OnRejected = (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : (TimeSpan?)null;
                var policy = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
                return new ValueTask(Rejected(retryAfter, policy == PartnerPolicy).ExecuteAsync(context.HttpContext));
            };
        });

    /// <summary>429 problem+json with `Retry-After`; the partner REST keeps its own problem types (ADR-0023).</summary>
    public static IResult Rejected(TimeSpan? retryAfter, bool partner = false) => new RejectedResult(RetryAfterSeconds(retryAfter), partner);

    public static int RetryAfterSeconds(TimeSpan? retryAfter) => Math.Max(1, (int)Math.Ceiling((retryAfter ?? TimeSpan.FromSeconds(1)).TotalSeconds));

    // Before the signature is checked, so a flood costs no HMAC or database look-up; a caller that
    // spoofs a partner's id spends that partner's budget (ADR-0027, Consequences).
    private static string PartnerKey(HttpContext http) =>
        http.Request.Headers[PartnerSignatureFilter.PartnerIdHeader] is [{ Length: > 0 and <= 64 } id] ? "partner:" + id : "ip:" + ClientIp(http);

    internal static string ClientIp(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "local";

    private sealed class RejectedResult(int seconds, bool partner) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            var detail = $"too many requests; retry after {seconds} s";
            var problem = partner
                ? PartnerProblems.Of(PartnerProblems.RateLimited, detail)
                : Results.Json(new Dictionary<string, object?>
                {
                    ["type"] = ProblemType,
                    ["title"] = "Too many requests",
                    ["status"] = StatusCodes.Status429TooManyRequests,
                    ["detail"] = detail,
                }, contentType: PartnerProblems.ContentType, statusCode: StatusCodes.Status429TooManyRequests);
            return problem.ExecuteAsync(http);
        }
    }
}

/// <summary>Sign-in attempts per username (case-insensitive), whatever the IP: a spread-out guessing attack on one account.</summary>
public sealed class LoginLimiter(RateLimitSettings limits) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(limits.LoginUser.Partition);

    /// <summary>Null when the attempt may go on; otherwise the 429 to answer.</summary>
    public IResult? Refusal(string username)
    {
        using var lease = limiter.AttemptAcquire(username.ToUpperInvariant());
        if (lease.IsAcquired) return null;
        return RateLimits.Rejected(lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : null);
    }

    public void Dispose() => limiter.Dispose();
}
