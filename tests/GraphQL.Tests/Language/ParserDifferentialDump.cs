using System.Text.Json;
using Cabinets.GraphQL.Language;

namespace Cabinets.GraphQL.Tests.Language;

/// <summary>
/// Writes our outcome for thousands of mutated documents when GRAPHQL_CONFORMANCE_DIR is set;
/// <c>Conformance/check-parse.js</c> parses the same documents with graphql-js and compares the
/// message and location of every syntax error.
/// </summary>
public sealed class ParserDifferentialDump
{
    private const string Seed = """"
        "op" query Q($a: [Int!]! = [1], "v" $b: In = {x: "y\u00e9\uD83D\uDE00", z: """blk"""}) @d(a: 1.5e3) {
          f: field(arg: $a, o: {n: null, e: ENUM, l: [true, false]}) { ... on T { g } ...Frag }
        }
        fragment Frag on T @x { h(s: "\u{1F600}") }
        "d" type T implements I & J @k { f(a: Int = 1): [T!]! }
        extend union U = | A | B
        directive @d(a: Float) repeatable on FIELD | QUERY
        """";

    private const string Alphabet = "{}()[]:$@!=|&.\"\\#,\n\r\t abcXYZ0123456789-+eE_u'";

    [Fact]
    public async Task mutated_documents_are_dumped_for_the_graphql_js_parse_comparison()
    {
        var random = new Random(7);
        var cases = new List<object>();
        for (var round = 0; round < 5_000; round++)
        {
            var chars = Seed.ToCharArray().ToList();
            for (var edit = random.Next(1, 3); edit > 0; edit--)
            {
                var at = random.Next(chars.Count);
                if (random.Next(2) == 0)
                {
                    chars.RemoveAt(at);
                }
                else
                {
                    chars.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                }
            }

            var source = new string([.. chars]);
            try
            {
                Parser.Parse(source);
                cases.Add(new { source, ok = true });
            }
            catch (SyntaxError error)
            {
                cases.Add(new { source, ok = false, message = error.Message, line = error.Location.Line, column = error.Location.Column });
            }
        }

        cases.Count.ShouldBe(5_000);
        if (Environment.GetEnvironmentVariable("GRAPHQL_CONFORMANCE_DIR") is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
            await File.WriteAllTextAsync(Path.Combine(directory, "parse-cases.json"), JsonSerializer.Serialize(cases));
        }
    }
}
