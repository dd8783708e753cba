using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Cabinets.Api.Tests.Access;

/// <summary>
/// Every REST route of the Api, walked: apart from the surfaces with their own authentication
/// (firmware, signed partners, per-field GraphQL) and the public ones (health, sign-in), an
/// anonymous call is refused with 401 or 403 (issue 13 §2: every admin REST call is authorized).
/// </summary>
public sealed class RestPermissionTests(AccessFixture api) : IClassFixture<AccessFixture>
{
    private static readonly string[] NotAdminSurfaces =
    [
        "/health/", "/api/auth/login", "/ibs", "/api/partners/", "/graphql", "/bench/", "/openapi/", // the API description, public by design
        "/api/app/", "/api/vendors/", "/api/callbacks/", // mini-program users (their own token), the signed vendor, WeChat (verified)
        "/metrics", // Prometheus, served to loopback callers only unless Metrics__AllowRemote (ADR-0027)
    ];

    [Fact]
    public async Task an_anonymous_call_to_each_admin_rest_route_is_refused()
    {
        var routes = api.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Select(e => (Path: "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'), Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]))
            .Where(r => !NotAdminSurfaces.Any(p => r.Path.StartsWith(p, StringComparison.Ordinal)))
            .SelectMany(r => r.Methods.Select(m => (r.Path, Method: m)))
            .ToList();
        routes.ShouldContain(("/api/auth/logout", "POST"));
        routes.ShouldContain(r => r.Path.StartsWith("/station/", StringComparison.Ordinal));

        using var anonymous = api.Http();
        foreach (var (path, method) in routes)
        {
            var target = System.Text.RegularExpressions.Regex.Replace(path, "{[^}]+}", "probe");
            using var request = new HttpRequestMessage(new HttpMethod(method), target);
            if (method is "POST" or "PUT") request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            using var response = await anonymous.SendAsync(request);
            ((int)response.StatusCode).ShouldBeOneOf([StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden], $"{method} {path}");
        }
    }
}
