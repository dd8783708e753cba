using System.Globalization;
using System.Text;

namespace Cabinets.GraphQL.Language;

public sealed partial class Lexer
{
    // StringValue (spec 2.1.10): escapes \" \\ \/ \b \f \n \r \t, \uXXXX (surrogate pairs must be
    // written as two adjacent escapes) and \u{...} for any Unicode scalar value.
    private Token ReadString(int start)
    {
        var position = start + 1;
        var chunkStart = position;
        StringBuilder? builder = null;
        while (position < _source.Length)
        {
            var c = _source[position];
            if (c == '"')
            {
                var value = builder is null
                    ? _source[chunkStart..position]
                    : builder.Append(_source, chunkStart, position - chunkStart).ToString();
                _position = position + 1;
                return new Token(TokenKind.String, start, _position, LocationAt(start), value);
            }

            if (c is '\n' or '\r')
            {
                break;
            }

            if (c == '\\')
            {
                builder ??= new StringBuilder();
                builder.Append(_source, chunkStart, position - chunkStart);
                position = ReadEscape(position, builder);
                chunkStart = position;
                continue;
            }

            position += ScalarLength(position, "String");
        }

        throw Error(position, "Unterminated string.");
    }

    private int ReadEscape(int position, StringBuilder builder)
    {
        var simple = At(position + 1) switch
        {
            '"' => '"',
            '\\' => '\\',
            '/' => '/',
            'b' => '\b',
            'f' => '\f',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            _ => '\0',
        };
        if (simple != '\0')
        {
            builder.Append(simple);
            return position + 2;
        }

        if (At(position + 1) != 'u')
        {
            throw Error(position, $"Invalid character escape sequence: \"{EscapeText(position, 2)}\".");
        }

        if (At(position + 2) == '{')
        {
            var close = _source.IndexOf('}', position + 3);
            var hex = close < 0 ? "" : _source[(position + 3)..close];
            if (hex.Length is 0 or > 8 || !int.TryParse(hex, NumberStyles.AllowHexSpecifier, null, out var code)
                || !IsScalarValue(code))
            {
                throw Error(position, $"Invalid Unicode escape sequence: \"{EscapeText(position, close < 0 ? 3 : close - position + 1)}\".");
            }

            builder.Append(char.ConvertFromUtf32(code));
            return close + 1;
        }

        var unit = ReadHex4(position + 2);
        if (unit < 0)
        {
            throw Error(position, $"Invalid Unicode escape sequence: \"{EscapeText(position, 6)}\".");
        }

        if (char.IsHighSurrogate((char)unit) && At(position + 6) == '\\' && At(position + 7) == 'u')
        {
            var low = ReadHex4(position + 8);
            if (low >= 0 && char.IsLowSurrogate((char)low))
            {
                builder.Append((char)unit).Append((char)low);
                return position + 12;
            }
        }

        if (char.IsSurrogate((char)unit))
        {
            throw Error(position, $"Invalid Unicode escape sequence: \"{EscapeText(position, 6)}\".");
        }

        builder.Append((char)unit);
        return position + 6;
    }

    private int ReadHex4(int position)
    {
        if (position + 4 > _source.Length)
        {
            return -1;
        }

        return int.TryParse(_source.AsSpan(position, 4), NumberStyles.AllowHexSpecifier, null, out var value) ? value : -1;
    }

    private string EscapeText(int position, int length) =>
        _source.Substring(position, Math.Min(length, _source.Length - position));

    /// <summary>Length in UTF-16 units of the source character at <paramref name="position"/>; rejects lone surrogates.</summary>
    private int ScalarLength(int position, string where)
    {
        var c = _source[position];
        if (!char.IsSurrogate(c))
        {
            return 1;
        }

        if (char.IsHighSurrogate(c) && char.IsLowSurrogate(At(position + 1)))
        {
            return 2;
        }

        throw Error(position, $"Invalid character within {where}: {Describe(position)}.");
    }

    private static bool IsScalarValue(int code) => code is >= 0 and <= 0xD7FF or >= 0xE000 and <= 0x10FFFF;

    private Token ReadBlockString(int start)
    {
        var position = start + 3;
        var chunkStart = position;
        var startLine = _line;
        var startColumn = start - _lineStart + 1;
        var raw = new StringBuilder();
        while (position < _source.Length)
        {
            var c = _source[position];
            if (c == '"' && At(position + 1) == '"' && At(position + 2) == '"')
            {
                raw.Append(_source, chunkStart, position - chunkStart);
                _position = position + 3;
                var value = BlockString.Dedent(raw.ToString());
                return new Token(TokenKind.BlockString, start, _position, new Location(startLine, startColumn, start), value);
            }

            if (c == '\\' && At(position + 1) == '"' && At(position + 2) == '"' && At(position + 3) == '"')
            {
                raw.Append(_source, chunkStart, position - chunkStart).Append("\"\"\"");
                position += 4;
                chunkStart = position;
                continue;
            }

            if (c is '\n' or '\r')
            {
                position += c == '\r' && At(position + 1) == '\n' ? 2 : 1;
                NewLine(position);
                continue;
            }

            position += ScalarLength(position, "String");
        }

        throw Error(position, "Unterminated string.");
    }
}
