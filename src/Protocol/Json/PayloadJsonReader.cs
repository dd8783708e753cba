using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cabinets.Protocol.Json;

/// <summary>
/// Reads the decrypted payload into its batch of items (IBS-PROTOCOL.md §4). Newtonsoft's reader is
/// used because the seed writes JavaScript literals with unquoted property names; we walk its
/// tokens ourselves to enforce the limits while reading instead of after building a tree.
/// Precedence, so each payload gets one code: 1004 or 1007 at the first offending token, else 1006.
/// </summary>
internal sealed class PayloadJsonReader
{
    public const int MaxItems = 512;

    /// <summary>[ { "locker_info": [ { … } ] } ]: insert_locker_info is the deepest payload (§7).</summary>
    public const int MaxDepth = 4;

    private readonly JsonTextReader _reader;
    private IbsError? _fatal;
    private IbsError? _shape;

    private PayloadJsonReader(string json)
    {
        // Dates stay strings (create_date is validated by us); floats stay double so a huge
        // exponent is Infinity rather than an exception; integers beyond 380 digits are refused
        // by Newtonsoft itself, which bounds the BigInteger work.
        _reader = new JsonTextReader(new StringReader(json))
        {
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Double,
        };
    }

    public static IbsError? TryRead(string json, out IReadOnlyList<JObject> items)
    {
        var walker = new PayloadJsonReader(json);
        items = walker.ReadItems();
        return walker._fatal ?? walker._shape;
    }

    private List<JObject> ReadItems()
    {
        var items = new List<JObject>();
        try
        {
            if (!Next())
            {
                _fatal = NotJson("param is empty");
                return items;
            }

            switch (_reader.TokenType)
            {
                case JsonToken.StartObject: // §4: an object that is not an array is a one-element array
                    AddItem(items, ReadObject(depth: 2));
                    break;
                case JsonToken.StartArray:
                    ReadBatch(items);
                    break;
                default:
                    ReadValue(depth: 1);
                    Shape("param must be an object or an array of objects");
                    break;
            }

            if (_fatal is null && Next())
            {
                _fatal = NotJson("param has text after the JSON value");
            }
        }
        catch (JsonReaderException e)
        {
            _fatal = NotJson($"param is not JSON (line {e.LineNumber}, position {e.LinePosition})");
        }

        return items;
    }

    private void ReadBatch(List<JObject> items)
    {
        for (var index = 0; _fatal is null && More() && _reader.TokenType != JsonToken.EndArray; index++)
        {
            if (index == MaxItems)
            {
                _fatal = new IbsError(IbsErrorCode.TooLarge, $"param has more than {MaxItems} items");
                return;
            }

            if (_reader.TokenType == JsonToken.StartObject)
            {
                AddItem(items, ReadObject(depth: 2));
            }
            else
            {
                ReadValue(depth: 2);
                Shape($"item {index}: must be an object");
            }
        }

        if (items.Count == 0 && _fatal is null)
        {
            Shape("param has no items");
        }
    }

    private static void AddItem(List<JObject> items, JObject? item)
    {
        if (item is not null)
        {
            items.Add(item);
        }
    }

    private JToken? ReadValue(int depth)
    {
        switch (_reader.TokenType)
        {
            case JsonToken.StartObject:
                return ReadObject(depth);
            case JsonToken.StartArray:
                return ReadArray(depth);
            case JsonToken.String or JsonToken.Integer or JsonToken.Float or JsonToken.Boolean:
                return new JValue(_reader.Value);
            case JsonToken.Null:
                return JValue.CreateNull();
            default: // undefined, new Date(…) constructors: JavaScript the lenient reader lets through
                _fatal = NotJson($"param is not JSON ({_reader.TokenType} at {_reader.Path})");
                return null;
        }
    }

    private JObject? ReadObject(int depth)
    {
        if (!Enter(depth))
        {
            return null;
        }

        var obj = new JObject();
        while (_fatal is null && More() && _reader.TokenType == JsonToken.PropertyName)
        {
            var name = (string)_reader.Value!;
            if (!More())
            {
                break;
            }

            var value = ReadValue(depth + 1);
            if (obj.ContainsKey(name))
            {
                Shape($"duplicate field '{name}' at {_reader.Path}");
            }
            else if (value is not null)
            {
                obj.Add(name, value);
            }
        }

        return obj;
    }

    private JArray? ReadArray(int depth)
    {
        if (!Enter(depth))
        {
            return null;
        }

        var array = new JArray();
        while (_fatal is null && More() && _reader.TokenType != JsonToken.EndArray)
        {
            if (ReadValue(depth + 1) is { } value)
            {
                array.Add(value);
            }
        }

        return array;
    }

    private bool Enter(int depth)
    {
        if (depth <= MaxDepth)
        {
            return true;
        }

        _fatal = new IbsError(IbsErrorCode.TooLarge, $"param is nested deeper than {MaxDepth} levels");
        return false;
    }

    /// <summary>Advances past comments (the lenient reader accepts JavaScript comments).</summary>
    private bool Next()
    {
        while (_reader.Read())
        {
            if (_reader.TokenType != JsonToken.Comment)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Advances inside an open array or object. Newtonsoft reports a truncated document as a plain
    /// end of input, not an error, so reaching the end here is a 1004 of our own.
    /// </summary>
    private bool More()
    {
        if (Next())
        {
            return true;
        }

        _fatal ??= NotJson("param ends before its JSON is complete");
        return false;
    }

    private void Shape(string message) => _shape ??= new IbsError(IbsErrorCode.InvalidParam, message);

    private static IbsError NotJson(string message) => new(IbsErrorCode.CannotDecrypt, message);
}
