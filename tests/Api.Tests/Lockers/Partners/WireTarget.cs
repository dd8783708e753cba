using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;

namespace Cabinets.Api.Tests.Lockers.Partners;

/// <summary>
/// Alba's in-process TestServer leaves <see cref="IHttpRequestFeature.RawTarget"/> empty, where
/// Kestrel sets it to the request line's target. This test-only startup filter fills it from the
/// <see cref="Header"/> that <see cref="PartnerClient"/> sets to the target HttpClient puts on the
/// wire (<c>RequestUri.PathAndQuery</c>), so the tests exercise the server's raw-target path.
/// </summary>
public sealed class WireTarget : IStartupFilter
{
    public const string Header = "X-Test-Wire-Target";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((http, inner) =>
        {
            if (http.Request.Headers.TryGetValue(Header, out var target) && http.Features.Get<IHttpRequestFeature>() is { } request)
                request.RawTarget = target.ToString();
            return inner(http);
        });
        next(app);
    };
}
