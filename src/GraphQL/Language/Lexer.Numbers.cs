namespace Cabinets.GraphQL.Language;

public sealed partial class Lexer
{
    // IntValue / FloatValue (spec 2.1.9–2.1.10): no leading zeros, and a number may not be
    // directly followed by "." or a name start.
    private Token ReadNumber(int start)
    {
        var position = start;
        var isFloat = false;
        if (At(position) == '-')
        {
            position++;
        }

        if (At(position) == '0')
        {
            position++;
            if (char.IsAsciiDigit(At(position)))
            {
                throw Error(position, $"Invalid number, unexpected digit after 0: {Describe(position)}.");
            }
        }
        else
        {
            position = ReadDigits(position);
        }

        if (At(position) == '.')
        {
            isFloat = true;
            position = ReadDigits(position + 1);
        }

        if (At(position) is 'e' or 'E')
        {
            isFloat = true;
            position++;
            if (At(position) is '+' or '-')
            {
                position++;
            }

            position = ReadDigits(position);
        }

        if (At(position) == '.' || IsNameStart(At(position)))
        {
            throw Error(position, $"Invalid number, expected digit but got: {Describe(position)}.");
        }

        _position = position;
        return new Token(isFloat ? TokenKind.Float : TokenKind.Int, start, position, LocationAt(start), _source[start..position]);
    }

    private int ReadDigits(int position)
    {
        if (!char.IsAsciiDigit(At(position)))
        {
            throw Error(position, $"Invalid number, expected digit but got: {Describe(position)}.");
        }

        while (char.IsAsciiDigit(At(position)))
        {
            position++;
        }

        return position;
    }
}
