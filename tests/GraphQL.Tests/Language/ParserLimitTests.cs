using Cabinets.GraphQL.Language;

namespace Cabinets.GraphQL.Tests.Language;

public sealed class ParserLimitTests
{
    [Fact]
    public void too_many_tokens_abort_parsing()
    {
        var error = Should.Throw<SyntaxError>(() =>
            Parser.Parse("{ " + string.Join(' ', Enumerable.Repeat("a", 50)) + " }", new ParserOptions { MaxTokens = 20 }));

        error.Error.Code.ShouldBe(ErrorCodes.MaxTokensExceeded);
        error.Message.ShouldBe("Syntax Error: Document contains more than 20 tokens. Parsing aborted.");
        error.Location.Column.ShouldBe(41);
    }

    [Fact]
    public void deep_nesting_is_refused_before_the_stack_overflows()
    {
        var deep = string.Concat(Enumerable.Repeat("{ a ", 100_000));

        var error = Should.Throw<SyntaxError>(() => Parser.Parse("query " + deep, ParserOptions.Default with { MaxTokens = int.MaxValue }));

        error.Error.Code.ShouldBe(ErrorCodes.MaxDepthExceeded);
    }

    [Fact]
    public void deeply_nested_list_values_and_types_count_as_depth()
    {
        var options = new ParserOptions { MaxDepth = 5 };

        Should.Throw<SyntaxError>(() => Parser.Parse("{ f(a: [[[[[[1]]]]]]) }", options)).Error.Code.ShouldBe(ErrorCodes.MaxDepthExceeded);
        Should.Throw<SyntaxError>(() => Parser.Parse("query ($a: [[[[[[Int]]]]]]) { f }", options)).Error.Code.ShouldBe(ErrorCodes.MaxDepthExceeded);
        Parser.Parse("{ a { b { c { d } } } }", options).Definitions.Count.ShouldBe(1);
    }

    [Fact]
    public void too_many_fields_are_refused()
    {
        var error = Should.Throw<SyntaxError>(() =>
            Parser.Parse("{ " + string.Join(' ', Enumerable.Range(0, 11).Select(i => "f" + i)) + " }", new ParserOptions { MaxFields = 10 }));

        error.Error.Code.ShouldBe(ErrorCodes.MaxFieldsExceeded);
        error.Message.ShouldBe("Syntax Error: Document contains more than 10 fields.");
    }

    [Fact]
    public void too_many_aliases_are_refused()
    {
        var query = "{ " + string.Join(' ', Enumerable.Range(0, 4).Select(i => $"a{i}: cabinets {{ id }}")) + " }";

        var error = Should.Throw<SyntaxError>(() => Parser.Parse(query, new ParserOptions { MaxAliases = 3 }));

        error.Error.Code.ShouldBe(ErrorCodes.MaxAliasesExceeded);
        error.Location.Column.ShouldBe(63);
    }

    [Fact]
    public async Task limit_errors_reach_the_client_as_request_errors()
    {
        var result = await TestSchema.Run("{ cabinets { id } }", options: new Cabinets.GraphQL.Execution.ExecutorOptions
        {
            Parser = new ParserOptions { MaxTokens = 3 },
        });

        result.Executed.ShouldBeFalse();
        result.ToJson().ShouldBe("""{"errors":[{"message":"Syntax Error: Document contains more than 3 tokens. Parsing aborted.","locations":[{"line":1,"column":14}],"extensions":{"code":"MAX_TOKENS_EXCEEDED"}}]}""");
    }
}
