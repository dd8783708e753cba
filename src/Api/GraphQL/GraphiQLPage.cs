using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.Net.Http.Headers;

namespace Cabinets.Api.GraphQL;

/// <summary>
/// The browser page at `GET /graphql`: GraphiQL from npm packages the build embeds into this
/// assembly (GraphQL/ui, ADR-0009), so nothing loads from a CDN. A build without npm embeds no
/// bundles; the page is then the plain query form below.
/// </summary>
internal static class GraphiQLPage
{
    private const string Prefix = "graphiql/";
    private const string Csp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

    private static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal)
    {
        ["graphiql.js"] = "text/javascript", ["react.js"] = "text/javascript", ["react-dom.js"] = "text/javascript",
        ["app.js"] = "text/javascript", ["graphiql.css"] = "text/css",
    };

    private static readonly ConcurrentDictionary<string, Asset?> Assets = new(StringComparer.Ordinal);

    private sealed record Asset(byte[] Plain, byte[] Gzip, EntityTagHeaderValue ETag, EntityTagHeaderValue GzipETag);

    public static bool HasGraphiQL => Load("graphiql.js") is not null;

    public static IEndpointRouteBuilder MapGraphiQLAssets(this IEndpointRouteBuilder app)
    {
        app.MapGet("/graphql/ui/{file}", (string file, HttpContext http) => Types.TryGetValue(file, out var type) && Load(file) is { } asset
            ? Serve(http, asset, type)
            : Results.NotFound()).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    public static Task WriteAsync(HttpContext http)
    {
        http.Response.ContentType = "text/html; charset=utf-8";
        if (Load("index.html") is not { } page || !HasGraphiQL)
        {
            http.Response.Headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'";
            return http.Response.WriteAsync(FallbackHtml);
        }

        http.Response.Headers.ContentSecurityPolicy = Csp;
        var endpoint = HtmlEncoder.Default.Encode(http.Request.PathBase + "/graphql"); // behind a proxy's path base too
        var html = System.Text.Encoding.UTF8.GetString(page.Plain).Replace("{{ui}}", endpoint + "/ui", StringComparison.Ordinal)
            .Replace("{{endpoint}}", endpoint, StringComparison.Ordinal);
        return http.Response.WriteAsync(html);
    }

    // Unversioned names, so browsers revalidate (ETag → 304); gzip is made once, as the bundle is ~1 MB.
    private static IResult Serve(HttpContext http, Asset asset, string type)
    {
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers.Vary = "Accept-Encoding";
        if (!http.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
            return Results.Bytes(asset.Plain, type, entityTag: asset.ETag);
        http.Response.Headers.ContentEncoding = "gzip";
        return Results.Bytes(asset.Gzip, type, entityTag: asset.GzipETag);
    }

    private static Asset? Load(string name) => Assets.GetOrAdd(name, static name =>
    {
        using var stream = typeof(GraphiQLPage).Assembly.GetManifestResourceStream(Prefix + name);
        if (stream is null) return null;
        var plain = new byte[stream.Length];
        stream.ReadExactly(plain);
        using var gzip = new MemoryStream();
        using (var zip = new GZipStream(gzip, CompressionLevel.SmallestSize)) zip.Write(plain);
        var hash = Convert.ToHexString(SHA256.HashData(plain), 0, 8);
        return new Asset(plain, gzip.ToArray(), new($"\"{hash}\""), new($"\"{hash}-gz\""));
    });

    private const string FallbackHtml = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Cabinets GraphQL</title>
        <style>body{font:14px system-ui;margin:1rem}textarea{width:100%;font:13px monospace}pre{background:#f4f4f4;padding:1rem}</style>
        </head><body>
        <h1>Cabinets GraphQL</h1>
        <p>This build has no GraphiQL (npm was missing when it was built; ADR-0009).</p>
        <label>Bearer token (from POST /api/auth/login) <input id="token" size="60"></label>
        <p><textarea id="query" rows="12">{ freeDoorCount }</textarea></p>
        <p><textarea id="variables" rows="4">{}</textarea></p>
        <button id="run">Run</button>
        <pre id="result"></pre>
        <script>
        document.getElementById('run').onclick = async () => {
          const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };
          const token = document.getElementById('token').value.trim();
          if (token) headers.authorization = 'Bearer ' + token;
          const body = JSON.stringify({ query: document.getElementById('query').value,
                                        variables: JSON.parse(document.getElementById('variables').value || '{}') });
          const res = await fetch(location.pathname, { method: 'POST', headers, body });
          document.getElementById('result').textContent = res.status + '\n' + JSON.stringify(await res.json(), null, 2);
        };
        </script></body></html>
        """;
}
