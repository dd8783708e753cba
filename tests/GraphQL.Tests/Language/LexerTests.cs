using Cabinets.GraphQL.Language;

namespace Cabinets.GraphQL.Tests.Language;

public sealed class LexerTests
{
    private static Token Single(string source)
    {
        var lexer = new Lexer(source);
        var token = lexer.Advance();
        lexer.Advance().Kind.ShouldBe(TokenKind.EndOfFile);
        return token;
    }

    private static SyntaxError Fails(string source)
    {
        var lexer = new Lexer(source);
        return Should.Throw<SyntaxError>(() =>
        {
            while (lexer.Advance().Kind != TokenKind.EndOfFile)
            {
            }
        });
    }

    [Theory]
    [InlineData("\"simple\"", "simple")]
    [InlineData("\" white space \"", " white space ")]
    [InlineData("\"quote \\\"\"", "quote \"")]
    [InlineData("\"escaped \\n\\r\\b\\t\\f\\/\\\\\"", "escaped \n\r\b\t\f/\\")]
    [InlineData("\"unicode \\u1234\\u5678\\u90AB\\uCDEF\"", "unicode \u1234\u5678\u90AB\uCDEF")]
    [InlineData("\"surrogate \\uD83D\\uDE00\"", "surrogate 😀")]
    [InlineData("\"braced \\u{1F600} \\u{41}\"", "braced 😀 A")]
    [InlineData("\"literal 😀 中文\"", "literal 😀 中文")]
    public void strings_are_cooked_per_the_spec(string source, string expected) =>
        Single(source).Value.ShouldBe(expected);

    [Theory]
    [InlineData("\"unterminated", "Unterminated string.", 1, 14)]
    [InlineData("\"multi\nline\"", "Unterminated string.", 1, 7)]
    [InlineData("\"bad \\z esc\"", "Invalid character escape sequence: \"\\z\".", 1, 6)]
    [InlineData("\"bad \\u12 esc\"", "Invalid Unicode escape sequence: \"\\u12 e\".", 1, 6)]
    [InlineData("\"lone \\uD83D\"", "Invalid Unicode escape sequence: \"\\uD83D\".", 1, 7)]
    [InlineData("\"too big \\u{110000}\"", "Invalid Unicode escape sequence: \"\\u{110000}\".", 1, 10)]
    public void bad_strings_are_reported_at_their_position(string source, string message, int line, int column)
    {
        var error = Fails(source);

        error.Message.ShouldBe("Syntax Error: " + message);
        error.Location.Line.ShouldBe(line);
        error.Location.Column.ShouldBe(column);
    }

    [Fact]
    public void block_strings_remove_common_indentation_and_blank_edge_lines()
    {
        var token = Single("\"\"\"\n    Hello,\n      World!\n\n    Yours,\n      GraphQL.\n  \"\"\"");

        token.Kind.ShouldBe(TokenKind.BlockString);
        token.Value.ShouldBe("Hello,\n  World!\n\nYours,\n  GraphQL.");
    }

    [Fact]
    public void block_strings_keep_escapes_raw_except_the_triple_quote()
    {
        Single("\"\"\"contains \\n and \\\"\"\" \"\"\"").Value.ShouldBe("contains \\n and \"\"\" ");
    }

    [Fact]
    public void block_strings_count_their_lines_for_later_tokens()
    {
        var lexer = new Lexer("\"\"\"a\r\nb\rc\n\"\"\" name");
        lexer.Advance();

        lexer.Advance().Location.ShouldBe(new Location(4, 5, 14));
    }

    [Theory]
    [InlineData("4", TokenKind.Int)]
    [InlineData("-4", TokenKind.Int)]
    [InlineData("0", TokenKind.Int)]
    [InlineData("4.123", TokenKind.Float)]
    [InlineData("-0.123", TokenKind.Float)]
    [InlineData("123e4", TokenKind.Float)]
    [InlineData("1.5E-10", TokenKind.Float)]
    [InlineData("-1.123e+4", TokenKind.Float)]
    public void numbers_are_ints_or_floats(string source, TokenKind kind)
    {
        var token = Single(source);

        token.Kind.ShouldBe(kind);
        token.Value.ShouldBe(source);
    }

    [Theory]
    [InlineData("00", "Invalid number, unexpected digit after 0: \"0\".")]
    [InlineData("1.", "Invalid number, expected digit but got: <EOF>.")]
    [InlineData("1.e1", "Invalid number, expected digit but got: \"e\".")]
    [InlineData("1.2.3", "Invalid number, expected digit but got: \".\".")]
    [InlineData("1a", "Invalid number, expected digit but got: \"a\".")]
    [InlineData("1_234", "Invalid number, expected digit but got: \"_\".")]
    [InlineData("-", "Invalid number, expected digit but got: <EOF>.")]
    public void malformed_numbers_are_rejected(string source, string message) =>
        Fails(source).Message.ShouldBe("Syntax Error: " + message);

    [Fact]
    public void ignored_tokens_are_skipped_and_lines_counted()
    {
        var lexer = new Lexer("\uFEFF  # comment\r\n,,\n\t  field");

        var token = lexer.Advance();

        token.Value.ShouldBe("field");
        token.Location.Line.ShouldBe(3);
        token.Location.Column.ShouldBe(4);
        lexer.TokenCount.ShouldBe(1);
    }

    [Theory]
    [InlineData("..", "Unexpected character: \".\".")]
    [InlineData("?", "Unexpected character: \"?\".")]
    [InlineData("\u203B", "Unexpected character: U+203B.")]
    [InlineData("\u0007", "Unexpected character: U+0007.")]
    public void unexpected_characters_are_named(string source, string message) =>
        Fails(source).Message.ShouldBe("Syntax Error: " + message);

    [Fact]
    public void syntax_errors_carry_the_parse_failed_code() =>
        Fails("?").Error.Code.ShouldBe(ErrorCodes.SyntaxError);
}
