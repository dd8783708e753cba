using System.Buffers;

namespace Cabinets.Api.Observability;

/// <summary>
/// One correlation id per request (ADR-0027): the caller's `X-Correlation-Id` when it is a short
/// token, else the request's trace identifier. It becomes <see cref="HttpContext.TraceIdentifier"/>,
/// which every endpoint already passes on as the commands' correlation id (and so the events'),
/// it is echoed in the answer, and every log line written for the request carries it in a scope.
/// </summary>
public static class Correlation
{
    public const string Header = "X-Correlation-Id";
    public const string ScopeKey = "CorrelationId";
    private static readonly SearchValues<char> Allowed = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-");

    public static IApplicationBuilder UseCorrelation(this IApplicationBuilder app)
    {
        var log = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Correlation).FullName!);
        return app.Use(async (http, next) =>
        {
            if (http.Request.Headers[Header] is [{ Length: > 0 and <= 64 } given] && !given.AsSpan().ContainsAnyExcept(Allowed))
                http.TraceIdentifier = given;
            var id = http.TraceIdentifier;
            http.Response.OnStarting(() =>
            {
                http.Response.Headers[Header] = id;
                return Task.CompletedTask;
            });
            using (log.BeginScope(new Scope(id))) await next(http);
        });
    }

    /// <summary>The same scope outside a request: a message handler's lines carry its envelope's correlation id.</summary>
    public static IDisposable? Begin(ILogger log, string id) => log.BeginScope(new Scope(id));

    /// <summary>The scope's one property, which the JSON formatter writes as `{"Message":"CorrelationId:…","CorrelationId":"…"}`.</summary>
    private sealed class Scope(string id) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 1;

        public KeyValuePair<string, object?> this[int index] =>
            index == 0 ? new(ScopeKey, id) : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return this[0];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"{ScopeKey}:{id}";
    }
}
