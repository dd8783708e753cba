namespace Cabinets.Api.Vending.Ports.WeChat;

/// <summary>
/// The mini-program's `access_token` (VENDING.md §4.3), kept until 5 minutes before WeChat says it
/// expires. WeChat limits how often a token may be fetched and each fetch invalidates the last one
/// after a grace period, so concurrent logins share one fetch: refreshes take turns on a semaphore
/// and re-check the cache once they hold it.
/// </summary>
public sealed class MiniProgramAccessToken(TimeProvider clock)
{
    public static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _turn = new(1, 1);
    private volatile Cached? _cached;

    private sealed record Cached(string Token, DateTimeOffset RefreshAt);

    /// <summary>The cached token, or the one <paramref name="fetch"/> gives (token, lifetime in seconds).</summary>
    public async Task<string> GetAsync(Func<CancellationToken, Task<(string Token, long ExpiresIn)>> fetch, CancellationToken ct)
    {
        if (Fresh() is { } token) return token;
        await _turn.WaitAsync(ct);
        try
        {
            if (Fresh() is { } again) return again;
            var (fetched, expiresIn) = await fetch(ct);
            _cached = new Cached(fetched, clock.GetUtcNow() + TimeSpan.FromSeconds(expiresIn) - Margin);
            return fetched;
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>WeChat said the token is no longer valid (40001, 42001): the next call fetches another, unless one was fetched since.</summary>
    public void Invalidate(string token)
    {
        var cached = _cached;
        if (cached is not null && cached.Token == token) _cached = null;
    }

    private string? Fresh() => _cached is { } c && clock.GetUtcNow() < c.RefreshAt ? c.Token : null;
}
