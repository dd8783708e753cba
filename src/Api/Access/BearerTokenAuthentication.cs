using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Cabinets.Api.Access;

/// <summary>`Authorization: Bearer &lt;token&gt;` against <see cref="TokenStore"/>; the principal carries the account's roles and permissions as they are now.</summary>
internal sealed class BearerTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TokenStore tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";
    public const string PermissionClaim = "permission";
    public const string StationClaim = "station";
    public const string MustChangePasswordClaim = "must_change_password";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var user = await tokens.ValidateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (user is null) return AuthenticateResult.Fail("invalid or expired token");

        var claims = new List<Claim> { new(ClaimTypes.Name, user.Username) };
        claims.AddRange(user.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        claims.AddRange(user.Permissions.Select(p => new Claim(PermissionClaim, p)));
        if (user.StationId is not null) claims.Add(new Claim(StationClaim, user.StationId));
        if (user.MustChangePassword) claims.Add(new Claim(MustChangePasswordClaim, "true"));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
