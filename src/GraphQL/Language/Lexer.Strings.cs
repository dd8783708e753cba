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
            return ReadBracedEscape(position, builder);
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

    // graphql-js readEscapedUnicodeVariableWidth: hex digits up to "}", at most \u{00000000}; the
    // error quotes the sequence up to and including the first character that spoils it.
    private int ReadBracedEscape(int position, StringBuilder builder)
    {
        long point = 0;
        var size = 3;
        while (size < 12)
        {
            var c = At(position + size++);
            if (c == '}')
            {
                if (size < 5 || !IsScalarValue((int)point))
                {
                    break;
                }

                builder.Append(char.ConvertFromUtf32((int)point));
                return position + size;
            }

            var digit = HexDigit(c);
            point = (point << 4) | (uint)digit;
            if (digit < 0 || point > int.MaxValue)
            {
                break;
            }
        }

        throw Error(position, $"Invalid Unicode escape sequence: \"{EscapeText(position, size)}\".");
    }

    private static int HexDigit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'F' => c - 'A' + 10,
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => -1,
    };

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
