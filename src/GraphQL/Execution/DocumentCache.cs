using System.Collections.Concurrent;
using Cabinets.GraphQL.Language.Ast;

namespace Cabinets.GraphQL.Execution;

/// <summary>A parsed document and its variable-independent validation result.</summary>
internal sealed class CachedDocument(DocumentNode? document, IReadOnlyList<GraphQLError> errors)
{
    public DocumentNode? Document { get; } = document;

    public IReadOnlyList<GraphQLError> Errors { get; } = errors;

    public long LastUsed { get; set; }
}

/// <summary>
/// Parsed and validated documents by query text, bounded: when full, the least recently used
/// quarter is evicted in one sweep, so the common path is one lock-free lookup.
/// </summary>
internal sealed class DocumentCache(int capacity)
{
    private readonly ConcurrentDictionary<string, CachedDocument> _entries = new(StringComparer.Ordinal);
    private long _clock;

    public int Count => _entries.Count;

    public CachedDocument GetOrAdd(string query, Func<string, CachedDocument> create)
    {
        if (capacity <= 0)
        {
            return create(query);
        }

        var entry = _entries.GetOrAdd(query, create);
        entry.LastUsed = Interlocked.Increment(ref _clock);
        if (_entries.Count > capacity)
        {
            Evict();
        }

        return entry;
    }

    private void Evict()
    {
        lock (_entries)
        {
            if (_entries.Count <= capacity)
            {
                return;
            }

            foreach (var stale in _entries.OrderBy(e => e.Value.LastUsed).Take(Math.Max(1, _entries.Count - (capacity * 3 / 4))).ToList())
            {
                _entries.TryRemove(stale.Key, out _);
            }
        }
    }
}
