using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace Cabinets.Api.GraphQL.Connections;

/// <summary>
/// Opaque keyset cursors (ADR-0010): base64url of the JSON array <c>[order, value…]</c> with the
/// row's values of every sort key, tie-breaker included. Times are UTC ticks, exact to
/// PostgreSQL's microseconds. No row position is stored, so inserts never shift a cursor.
/// </summary>
internal static class Cursor
{
    public const int MaxLength = 4096;

    public static string Encode(string fingerprint, IReadOnlyList<object?> values)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            json.WriteStringValue(fingerprint);
            foreach (var value in values)
            {
                switch (value)
                {
                    case null or DBNull: json.WriteNullValue(); break;
                    case string s: json.WriteStringValue(s); break;
                    case bool b: json.WriteBooleanValue(b); break;
                    case int i: json.WriteNumberValue(i); break;
                    case long l: json.WriteNumberValue(l); break;
                    case DateTime d: json.WriteNumberValue(d.ToUniversalTime().Ticks); break;
                    case char c: json.WriteStringValue(c.ToString()); break;
                    default: throw new InvalidOperationException($"A sort key of type {value.GetType().Name} cannot go into a cursor.");
                }
            }
            json.WriteEndArray();
        }
        return Base64Url.EncodeToString(buffer.WrittenSpan);
    }

    /// <summary>The cursor's key values as parameter values; a clear BAD_USER_INPUT error naming the argument otherwise.</summary>
    public static object?[] Decode(string cursor, string fingerprint, IReadOnlyList<SortKey> keys, string argument)
    {
        JsonElement[] items;
        try
        {
            if (cursor.Length > MaxLength) throw new FormatException();
            using var json = JsonDocument.Parse(Base64Url.DecodeFromChars(cursor));
            items = json.RootElement.ValueKind == JsonValueKind.Array ? json.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray() : [];
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            items = [];
        }

        if (items.Length == 0 || items[0].ValueKind != JsonValueKind.String)
            throw ConnectionErrors.BadInput($"\"{argument}\" is not a cursor of this list; pass a cursor from its pageInfo or edges.", argument);
        if (items[0].GetString() != fingerprint || items.Length != keys.Count + 1)
            throw ConnectionErrors.BadInput(
                $"The cursor in \"{argument}\" was made for another list or order; page with the order the cursor came from.", argument);
        var values = new object?[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            values[i] = Value(items[i + 1], keys[i].Column)
                ?? (items[i + 1].ValueKind == JsonValueKind.Null && keys[i].Column.Nullable
                    ? null
                    : throw ConnectionErrors.BadInput($"\"{argument}\" is not a cursor of this list; pass a cursor from its pageInfo or edges.", argument));
        }
        return values;
    }

    private static object? Value(JsonElement item, ConnectionColumn column) => (column.Type, item.ValueKind) switch
    {
        (ColumnType.String or ColumnType.Enum, JsonValueKind.String) => item.GetString(),
        (ColumnType.Boolean, JsonValueKind.True or JsonValueKind.False) => item.GetBoolean(),
        (ColumnType.Int, JsonValueKind.Number) when item.TryGetInt32(out var i) => i,
        (ColumnType.Long, JsonValueKind.Number) when item.TryGetInt64(out var l) => l,
        (ColumnType.DateTime, JsonValueKind.Number) when item.TryGetInt64(out var t) && t is >= 0 and <= 3155378975999999999 =>
            new DateTime(t, DateTimeKind.Utc),
        _ => null,
    };
}
