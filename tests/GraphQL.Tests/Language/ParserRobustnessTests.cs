using Cabinets.GraphQL.Language;

namespace Cabinets.GraphQL.Tests.Language;

public sealed class ParserRobustnessTests
{
    private const string Seed = """"
        query Q($a: [Int!]! = [1], $b: In = {x: "y\u00e9\uD83D\uDE00", z: """blk"""}) @d(a: 1.5e3) {
          f: field(arg: $a, o: {n: null, e: ENUM, l: [true, false]}) { ... on T { g } ...Frag }
        }
        fragment Frag on T @x { h(s: "\u{1F600}") }
        "d" type T implements I & J @k { f(a: Int = 1): [T!]! }
        extend union U = | A | B
        directive @d(a: Float) repeatable on FIELD | QUERY
        """";

    private const string Alphabet = "{}()[]:$@!=|&.\"\\#,\n\r\t abcXYZ0123456789-+eE_u";

    [Fact]
    public void mutated_documents_either_parse_or_fail_with_a_syntax_error()
    {
        var random = new Random(20261122);
        for (var round = 0; round < 20_000; round++)
        {
            var chars = Seed.ToCharArray().ToList();
            for (var edit = random.Next(1, 4); edit > 0; edit--)
            {
                var at = random.Next(chars.Count);
                switch (random.Next(3))
                {
                    case 0:
                        chars.RemoveAt(at);
                        break;
                    case 1:
                        chars.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                        break;
                    default:
                        chars[at] = Alphabet[random.Next(Alphabet.Length)];
                        break;
                }
            }

            var source = new string([.. chars]);
            try
            {
                Parser.Parse(source);
            }
            catch (SyntaxError error)
            {
                error.Location.Line.ShouldBeGreaterThan(0);
                error.Location.Column.ShouldBeGreaterThan(0);
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("#only a comment")]
    [InlineData("\"")]
    [InlineData("\"\"\"")]
    [InlineData("\"\\u")]
    [InlineData("\"\\u{")]
    [InlineData("\"\\u{}\"")]
    [InlineData("\"\\uD83D\\u\"")]
    [InlineData("{ f(a: -) }")]
    [InlineData("$")]
    [InlineData("{ ...")]
    [InlineData("{ ... on }")]
    [InlineData("query ($: Int) { f }")]
    [InlineData("type T { f(): Int }")]
    [InlineData("extend")]
    [InlineData("schema {}")]
    public void truncated_and_odd_documents_fail_cleanly(string source) =>
        Should.Throw<SyntaxError>(() => Parser.Parse(source));

    [Fact]
    public void lone_surrogates_in_the_source_are_syntax_errors()
    {
        // Not theory data: xunit would replace the lone surrogates when serializing the cases.
        Should.Throw<SyntaxError>(() => Parser.Parse("\uD83D")).Message.ShouldBe("Syntax Error: Invalid character: U+D83D.");
        Should.Throw<SyntaxError>(() => Parser.Parse("{ f(a: \"\uDE00\") }")).Message.ShouldBe("Syntax Error: Invalid character within String: U+DE00.");
    }
}
