using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cabinets.EventStore.Events;

/// <summary>
/// Maps CLR event types to stable stored names with a schema version (never the CLR name), and
/// upcasts older stored versions on read without rewriting rows (ADR-0002).
/// </summary>
public sealed class EventTypeRegistry
{
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<Type, (string Name, int Version)> _byType = [];
    private readonly Dictionary<string, (Type Type, int Version)> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Name, int From), Func<JsonObject, JsonObject>> _upcasters = [];
    private FrozenDictionary<string, (Type Type, int Version)>? _frozenByName;

    /// <summary>Registers <typeparamref name="T"/> as <paramref name="name"/> at schema <paramref name="version"/>.</summary>
    public EventTypeRegistry Register<T>(string name, int version = 1) => Register(typeof(T), name, version);

    public EventTypeRegistry Register(Type type, string name, int version = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        if (_byName.TryGetValue(name, out var existing) && existing.Type != type)
            throw new InvalidOperationException($"stored event name '{name}' is already used by {existing.Type.Name}");
        _byType[type] = (name, version);
        _byName[name] = (type, version);
        _frozenByName = null;
        return this;
    }

    /// <summary>Registers a module's table of stored names (e.g. <c>CabinetEventNames.All</c>).</summary>
    public EventTypeRegistry RegisterAll(IEnumerable<(Type Type, string Name, int Version)> names)
    {
        foreach (var (type, name, version) in names) Register(type, name, version);
        return this;
    }

    /// <summary>Transforms the JSON of <paramref name="name"/> from schema <paramref name="fromVersion"/> to the next version.</summary>
    public EventTypeRegistry Upcast(string name, int fromVersion, Func<JsonObject, JsonObject> upcast)
    {
        _upcasters[(name, fromVersion)] = upcast;
        return this;
    }

    public (string Name, int Version) NameOf(Type type) => _byType.TryGetValue(type, out var n)
        ? n
        : throw new InvalidOperationException($"event type {type.FullName} is not registered: give it a stored name");

    public string NameOf<T>() => NameOf(typeof(T)).Name;

    public bool IsRegistered(Type type) => _byType.ContainsKey(type);

    public byte[] Serialize(object data) => JsonSerializer.SerializeToUtf8Bytes(data, data.GetType(), JsonOptions);

    /// <summary>Upcasts stored JSON to the registered version and deserializes it.</summary>
    public object Deserialize(string name, int storedVersion, string json)
    {
        var byName = _frozenByName ??= _byName.ToFrozenDictionary(StringComparer.Ordinal);
        if (!byName.TryGetValue(name, out var target)) return new UnknownEvent(name, storedVersion, json);
        if (storedVersion == target.Version)
            return JsonSerializer.Deserialize(json, target.Type, JsonOptions)!;

        var node = JsonNode.Parse(json)!.AsObject();
        for (var v = storedVersion; v < target.Version; v++)
        {
            if (!_upcasters.TryGetValue((name, v), out var upcast))
                throw new InvalidOperationException($"no upcaster for '{name}' from schema version {v} to {v + 1}");
            node = upcast(node);
        }
        return node.Deserialize(target.Type, JsonOptions)!;
    }
}
