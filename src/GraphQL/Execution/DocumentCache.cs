using System.Collections.Concurrent;
using Cabinets.GraphQL.Language.Ast;

namespace Cabinets.GraphQL.Execution;

/// <summary>
/// A parsed document, its variable-independent validation result, its fragments and the collected
/// root fields of its variable-free operations (reused by every request with the same text).
/// </summary>
internal sealed class CachedDocument(DocumentNode? document, IReadOnlyList<GraphQLError> errors)
{
    public DocumentNode? Document { get; } = document;

    public IReadOnlyList<GraphQLError> Errors { get; } = errors;

    public IReadOnlyDictionary<string, FragmentDefinitionNode> Fragments { get; } = CollectFragments(document);

    public ConcurrentDictionary<OperationDefinitionNode, CollectedFields> Plans { get; } = new();

    public long LastUsed { get; set; }

    private static Dictionary<string, FragmentDefinitionNode> CollectFragments(DocumentNode? document)
    {
        var fragments = new Dictionary<string, FragmentDefinitionNode>(StringComparer.Ordinal);
        foreach (var fragment in document?.Fragments ?? [])
        {
            fragments.TryAdd(fragment.Name.Value, fragment);
        }

        return fragments;
    }
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
