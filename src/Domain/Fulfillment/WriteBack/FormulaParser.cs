using System.Globalization;

namespace Cabinets.Domain.Fulfillment.WriteBack;

/// <summary>
/// Recursive descent over the grammar of FULFILLMENT.md §2.10, one method per rule:
/// <code>
/// expr   = term (("+" | "-") term)*
/// term   = factor (("*" | "/") factor)*
/// factor = number | "{可售库存}" | "{sellable}" | "(" expr ")"
/// number = digit+ ("." digit+)?
/// </code>
/// Whitespace may separate tokens. Only parentheses recurse and they are capped at
/// <see cref="StockFormula.MaxDepth"/>, so the stack depth is bounded whatever the text.
/// The first error stops the parse; its position is where the unexpected token starts.
/// </summary>
internal sealed class FormulaParser
{
    /// <summary>28 digits always fit a decimal's 96-bit mantissa exactly (10^28 &lt; 2^96), so a literal is never rounded.</summary>
    private const int MaxDigits = 28;

    private const string FactorExpected = "a number, `{可售库存}` or `(`";
    private const string VariablesExpected = "`{可售库存}` or `{sellable}`";

    private readonly string _text;
    private int _position;
    private int _depth;
    private FormulaError? _error;

    private FormulaParser(string text) => _text = text;

    public static FormulaParse Parse(string text)
    {
        if (text.Length > StockFormula.MaxLength)
            return new(null, new FormulaError(StockFormula.MaxLength,
                $"a formula has at most {StockFormula.MaxLength} characters, this one has {text.Length}"));
        var parser = new FormulaParser(text);
        var root = parser.Expression();
        if (root is not null && parser.Peek() is not null)
            root = parser.Fail("an operator (`+`, `-`, `*`, `/`) or the end of the formula");
        return root is null ? new(null, parser._error) : new(new StockFormula(root), null);
    }

    private FormulaNode? Expression()
    {
        var left = Term();
        while (left is not null && Peek() is '+' or '-')
        {
            var op = _text[_position++] == '+' ? FormulaOperator.Add : FormulaOperator.Subtract;
            var right = Term();
            left = right is null ? null : new FormulaOperation(op, left, right);
        }
        return left;
    }

    private FormulaNode? Term()
    {
        var left = Factor();
        while (left is not null && Peek() is '*' or '/')
        {
            var op = _text[_position++] == '*' ? FormulaOperator.Multiply : FormulaOperator.Divide;
            var right = Factor();
            left = right is null ? null : new FormulaOperation(op, left, right);
        }
        return left;
    }

    private FormulaNode? Factor()
    {
        switch (Peek())
        {
            case char c when char.IsAsciiDigit(c):
                return Number();
            case '{':
                return Variable();
            case '(':
                if (++_depth > StockFormula.MaxDepth)
                    return Fail(_position, $"at most {StockFormula.MaxDepth} nested parentheses are allowed; the `(` at {_position} opens level {_depth}");
                _position++;
                if (Expression() is not { } inner) return null;
                if (Peek() is not ')') return Fail("an operator (`+`, `-`, `*`, `/`) or `)`");
                _position++;
                _depth--;
                return inner;
            case '-' or '+':
                // §2.10: no unary minus (nor plus); say so, it is the likeliest mistake.
                return Fail(FactorExpected + " (a term cannot start with a sign: write `0-…`)");
            default:
                return Fail(FactorExpected);
        }
    }

    private FormulaNode? Number()
    {
        var start = _position;
        var end = DigitsFrom(start);
        if (end < _text.Length && _text[end] == '.')
        {
            var fractionEnd = DigitsFrom(end + 1);
            if (fractionEnd == end + 1)
            {
                _position = end + 1;
                return Fail("a digit after `.`");
            }
            end = fractionEnd;
        }
        var literal = _text.AsSpan(start, end - start);
        var digits = literal.Length - (literal.Contains('.') ? 1 : 0);
        if (digits > MaxDigits) return Fail(start, $"a number has at most {MaxDigits} digits; the one at {start} has {digits}");
        _position = end;
        return new FormulaNumber(decimal.Parse(literal, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));
    }

    private FormulaNode? Variable()
    {
        var close = _text.IndexOf('}', _position);
        if (close < 0) return Fail(VariablesExpected, $"`{Shorten(_text[_position..])}` without a closing `}}`");
        var name = _text[_position..(close + 1)];
        if (name is not (StockFormula.Variable or StockFormula.VariableAlias)) return Fail(VariablesExpected, $"`{Shorten(name)}`");
        _position = close + 1;
        return FormulaSellable.Instance;
    }

    /// <summary>The next character after any whitespace (which it skips), or null at the end.</summary>
    private char? Peek()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position])) _position++;
        return _position < _text.Length ? _text[_position] : null;
    }

    private int DigitsFrom(int index)
    {
        while (index < _text.Length && char.IsAsciiDigit(_text[index])) index++;
        return index;
    }

    private FormulaNode? Fail(string expected, string? found = null) =>
        Fail(_position, $"expected {expected} at {_position}, found {found ?? Found()}");

    private FormulaNode? Fail(int position, string message)
    {
        _error = new FormulaError(position, message);
        return null;
    }

    /// <summary>The token at the error, as the operator typed it: `{…}` whole, a word (`e3`) whole, else one character.</summary>
    private string Found()
    {
        if (_position >= _text.Length) return "the end of the formula";
        var rest = _text.AsSpan(_position);
        var length = 1;
        if (rest[0] == '{' && rest.IndexOf('}') is >= 0 and var close) length = close + 1;
        else if (char.IsLetter(rest[0])) while (length < rest.Length && char.IsLetterOrDigit(rest[length])) length++;
        else if (char.IsHighSurrogate(rest[0]) && rest.Length > 1) length = 2;
        return $"`{Shorten(rest[..length].ToString())}`";
    }

    /// <summary>Quoted text is cut at 20 characters: the message stays readable and a 200-character paste is not echoed back.</summary>
    private static string Shorten(string text) =>
        text.Length <= 20 ? text : text[..(char.IsHighSurrogate(text[19]) ? 19 : 20)] + "…";
}
