namespace Cabinets.Api.GraphQL;

/// <summary>
/// The browser page at `GET /graphql`. Self-contained (no CDN at run time): a query box, a
/// variables box and a token box that POST to this endpoint.
/// </summary>
internal static class GraphiQLPage
{
    public static Task WriteAsync(HttpContext http)
    {
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'";
        return http.Response.WriteAsync(Html);
    }

    private const string Html = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Cabinets GraphQL</title>
        <style>body{font:14px system-ui;margin:1rem}textarea{width:100%;font:13px monospace}pre{background:#f4f4f4;padding:1rem}</style>
        </head><body>
        <h1>Cabinets GraphQL</h1>
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
