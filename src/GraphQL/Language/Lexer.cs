namespace Cabinets.GraphQL.Language;

/// <summary>
/// Turns a document into tokens on demand (spec 2.1). Ignored tokens (BOM, white space, line
/// terminators, commas, comments) are skipped. Columns count UTF-16 code units, as graphql-js does.
/// </summary>
public sealed partial class Lexer
{
    private readonly string _source;
    private int _position;
    private int _line = 1;
    private int _lineStart;

    public Lexer(string source)
    {
        _source = source;
        Current = new Token(TokenKind.StartOfFile, 0, 0, new Location(1, 1, 0));
    }

    public Token Current { get; private set; }

    /// <summary>Number of tokens read so far (the start-of-file token not counted).</summary>
    public int TokenCount { get; private set; }

    public string Source => _source;

    public Token Advance()
    {
        Current = ReadToken();
        if (Current.Kind != TokenKind.EndOfFile)
        {
            TokenCount++;
        }

        return Current;
    }

    /// <summary>Reads the token after <see cref="Current"/> without consuming it.</summary>
    public Token Peek()
    {
        var (position, line, lineStart) = (_position, _line, _lineStart);
        var token = ReadToken();
        (_position, _line, _lineStart) = (position, line, lineStart);
        return token;
    }

    private Location LocationAt(int position) => new(_line, position - _lineStart + 1, position);

    private SyntaxError Error(int position, string message) => new(message, LocationAt(position));

    private Token ReadToken()
    {
        SkipIgnored();
        var start = _position;
        if (start >= _source.Length)
        {
            return new Token(TokenKind.EndOfFile, start, start, LocationAt(start));
        }

        var c = _source[start];
        var kind = c switch
        {
            '!' => TokenKind.Bang,
            '$' => TokenKind.Dollar,
            '&' => TokenKind.Ampersand,
            '(' => TokenKind.ParenLeft,
            ')' => TokenKind.ParenRight,
            ':' => TokenKind.Colon,
            '=' => TokenKind.Equals,
            '@' => TokenKind.At,
            '[' => TokenKind.BracketLeft,
            ']' => TokenKind.BracketRight,
            '{' => TokenKind.BraceLeft,
            '|' => TokenKind.Pipe,
            '}' => TokenKind.BraceRight,
            _ => TokenKind.StartOfFile,
        };
        if (kind != TokenKind.StartOfFile)
        {
            _position++;
            return new Token(kind, start, start + 1, LocationAt(start));
        }

        if (c == '.')
        {
            if (At(start + 1) == '.' && At(start + 2) == '.')
            {
                _position += 3;
                return new Token(TokenKind.Spread, start, start + 3, LocationAt(start));
            }
        }

        if (IsNameStart(c))
        {
            return ReadName(start);
        }

        if (c == '-' || char.IsAsciiDigit(c))
        {
            return ReadNumber(start);
        }

        if (c == '"')
        {
            return At(start + 1) == '"' && At(start + 2) == '"' ? ReadBlockString(start) : ReadString(start);
        }

        throw Error(start, c == '\''
            ? "Unexpected single quote character ('), did you mean to use a double quote (\")?"
            : char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && char.IsLowSurrogate(At(start + 1)))
                ? $"Invalid character: {Describe(start)}."
                : $"Unexpected character: {Describe(start)}.");
    }

    private void SkipIgnored()
    {
        while (_position < _source.Length)
        {
            switch (_source[_position])
            {
                case '\uFEFF' or '\t' or ' ' or ',':
                    _position++;
                    break;
                case '\n':
                    NewLine(++_position);
                    break;
                case '\r':
                    _position += At(_position + 1) == '\n' ? 2 : 1;
                    NewLine(_position);
                    break;
                case '#':
                    while (_position < _source.Length && _source[_position] is not ('\n' or '\r'))
                    {
                        _position++;
                    }

                    break;
                default:
                    return;
            }
        }
    }

    private void NewLine(int lineStart)
    {
        _line++;
        _lineStart = lineStart;
    }

    private Token ReadName(int start)
    {
        var end = start + 1;
        while (end < _source.Length && IsNameContinue(_source[end]))
        {
            end++;
        }

        _position = end;
        return new Token(TokenKind.Name, start, end, LocationAt(start), _source[start..end]);
    }

    private char At(int position) => position < _source.Length ? _source[position] : '\0';

    /// <summary>A character for an error message: printable ASCII quoted, anything else as U+XXXX.</summary>
    private string Describe(int position)
    {
        if (position >= _source.Length)
        {
            return "<EOF>";
        }

        var c = _source[position];
        if (c >= 0x20 && c < 0x7F)
        {
            return c == '"' ? "'\"'" : $"\"{c}\"";
        }

        var code = char.IsHighSurrogate(c) && char.IsLowSurrogate(At(position + 1))
            ? char.ConvertToUtf32(c, _source[position + 1])
            : c;
        return $"U+{code:X4}";
    }

    internal static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    internal static bool IsNameContinue(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
