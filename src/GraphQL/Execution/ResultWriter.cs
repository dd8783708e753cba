using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Cabinets.GraphQL.Execution;

/// <summary>Serializes the result tree and errors with <see cref="Utf8JsonWriter"/>, no reflection.</summary>
internal static class ResultWriter
{
    public static JavaScriptEncoder Encoder { get; } = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static void Write(Utf8JsonWriter writer, bool executed, ResultNode? data, IReadOnlyList<GraphQLError> errors)
    {
        writer.WriteStartObject();
        if (executed)
        {
            writer.WritePropertyName("data"u8);
            WriteValue(writer, data);
        }

        if (errors.Count > 0)
        {
            writer.WritePropertyName("errors"u8);
            writer.WriteStartArray();
            foreach (var error in errors)
            {
                WriteError(writer, error);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteError(Utf8JsonWriter writer, GraphQLError error)
    {
        writer.WriteStartObject();
        writer.WriteString("message"u8, error.Message);
        if (error.Locations.Count > 0)
        {
            writer.WritePropertyName("locations"u8);
            writer.WriteStartArray();
            foreach (var location in error.Locations)
            {
                writer.WriteStartObject();
                writer.WriteNumber("line"u8, location.Line);
                writer.WriteNumber("column"u8, location.Column);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (error.Path is { } path)
        {
            writer.WritePropertyName("path"u8);
            writer.WriteStartArray();
            foreach (var segment in path)
            {
                WriteValue(writer, segment);
            }

            writer.WriteEndArray();
        }

        if (error.Code is not null || error.Extensions is { Count: > 0 })
        {
            writer.WritePropertyName("extensions"u8);
            writer.WriteStartObject();
            if (error.Code is { } code)
            {
                writer.WriteString("code"u8, code);
            }

            foreach (var (key, value) in error.Extensions ?? new Dictionary<string, object?>())
            {
                writer.WritePropertyName(key);
                WriteValue(writer, value);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case double d:
                writer.WriteNumberValue(d);
                break;
            case decimal m:
                writer.WriteNumberValue(m);
                break;
            case ResultNode node:
                WriteNode(writer, node);
                break;
            case IReadOnlyDictionary<string, object?> map:
                writer.WriteStartObject();
                foreach (var (key, item) in map)
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, item);
                }

                writer.WriteEndObject();
                break;
            case System.Collections.IEnumerable items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            case IFormattable formattable:
                writer.WriteStringValue(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteStringValue(value.ToString());
                break;
        }
    }

    private static void WriteNode(Utf8JsonWriter writer, ResultNode node)
    {
        if (node.Keys is { } keys)
        {
            writer.WriteStartObject();
            for (var i = 0; i < keys.Length; i++)
            {
                writer.WritePropertyName(keys[i]);
                WriteValue(writer, node.Values[i]);
            }

            writer.WriteEndObject();
            return;
        }

        writer.WriteStartArray();
        foreach (var item in node.Values)
        {
            WriteValue(writer, item);
        }

        writer.WriteEndArray();
    }

    /// <summary>The tree as plain CLR objects: ordered dictionaries and arrays.</summary>
    public static object? ToObject(object? value)
    {
        if (value is not ResultNode node)
        {
            return value;
        }

        if (node.Keys is { } keys)
        {
            var map = new Dictionary<string, object?>(keys.Length, StringComparer.Ordinal);
            for (var i = 0; i < keys.Length; i++)
            {
                map[keys[i]] = ToObject(node.Values[i]);
            }

            return map;
        }

        return node.Values.Select(ToObject).ToArray();
    }
}
