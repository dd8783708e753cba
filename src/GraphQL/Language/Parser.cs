using Cabinets.GraphQL.Language.Ast;

namespace Cabinets.GraphQL.Language;

/// <summary>
/// Recursive-descent parser for the whole GraphQL language (spec 2 and 3, appendix C): executable
/// and type system definitions and extensions. Entry points: <see cref="Parse"/>,
/// <see cref="ParseValue"/>, <see cref="ParseType"/>.
/// </summary>
public sealed partial class Parser
{
    private readonly Lexer _lexer;
    private readonly ParserOptions _options;
    private int _depth;
    private int _fields;
    private int _aliases;

    private Parser(string source, ParserOptions? options)
    {
        _lexer = new Lexer(source);
        _options = options ?? ParserOptions.Default;
    }

    public static DocumentNode Parse(string source, ParserOptions? options = null)
    {
        var parser = new Parser(source, options);
        parser.Advance();
        return parser.ParseDocument();
    }

    /// <summary>Parses a single value literal, e.g. a default value: <c>{a: [1, 2]}</c>.</summary>
    public static ValueNode ParseValue(string source, ParserOptions? options = null)
    {
        var parser = new Parser(source, options);
        parser.Advance();
        var value = parser.ParseValueLiteral(isConst: false);
        parser.Expect(TokenKind.EndOfFile);
        return value;
    }

    /// <summary>Parses a type reference such as <c>[Cabinet!]!</c>.</summary>
    public static TypeNode ParseType(string source, ParserOptions? options = null)
    {
        var parser = new Parser(source, options);
        parser.Advance();
        var type = parser.ParseTypeReference();
        parser.Expect(TokenKind.EndOfFile);
        return type;
    }

    private Token Current => _lexer.Current;

    private void Advance()
    {
        _lexer.Advance();
        if (_lexer.TokenCount > _options.MaxTokens)
        {
            throw new SyntaxError(
                $"Document contains more than {_options.MaxTokens} tokens. Parsing aborted.",
                Current.Location,
                ErrorCodes.MaxTokensExceeded);
        }
    }

    private DocumentNode ParseDocument()
    {
        var location = Current.Location;
        var definitions = new List<DefinitionNode>();
        do
        {
            definitions.Add(ParseDefinition());
        }
        while (Current.Kind != TokenKind.EndOfFile);

        return new DocumentNode(location, definitions);
    }

    // graphql-js's order of checks, so documents fail with the same message (spec 2025 allows
    // descriptions on operations, fragments and variables, but not on the shorthand query).
    private DefinitionNode ParseDefinition()
    {
        if (Current.Kind == TokenKind.BraceLeft)
        {
            return ParseOperationDefinition();
        }

        var hasDescription = Current.Kind is TokenKind.String or TokenKind.BlockString;
        var keyword = hasDescription ? _lexer.Peek() : Current;
        if (hasDescription && keyword.Kind == TokenKind.BraceLeft)
        {
            throw new SyntaxError(
                "Unexpected description, descriptions are not supported on shorthand queries.", Current.Location);
        }

        if (keyword.Kind == TokenKind.Name)
        {
            switch (keyword.Value)
            {
                case "schema" or "scalar" or "type" or "interface" or "union" or "enum" or "input" or "directive":
                    return ParseTypeSystemDefinition();
                case "query" or "mutation" or "subscription":
                    return ParseOperationDefinition();
                case "fragment":
                    return ParseFragmentDefinition();
                case var _ when hasDescription:
                    throw new SyntaxError(
                        "Unexpected description, only GraphQL definitions support descriptions.", Current.Location);
                case "extend":
                    return ParseTypeSystemExtension();
            }
        }

        throw Unexpected(keyword);
    }

    private NameNode ParseName()
    {
        var token = Expect(TokenKind.Name);
        return new NameNode(token.Location, token.Value!);
    }

    private Token Expect(TokenKind kind)
    {
        var token = Current;
        if (token.Kind != kind)
        {
            throw new SyntaxError($"Expected {Token.Describe(kind)}, found {token}.", token.Location);
        }

        Advance();
        return token;
    }

    private bool Skip(TokenKind kind)
    {
        if (Current.Kind != kind)
        {
            return false;
        }

        Advance();
        return true;
    }

    private void ExpectKeyword(string keyword)
    {
        if (Current.Kind != TokenKind.Name || Current.Value != keyword)
        {
            throw new SyntaxError($"Expected \"{keyword}\", found {Current}.", Current.Location);
        }

        Advance();
    }

    private bool SkipKeyword(string keyword)
    {
        if (Current.Kind != TokenKind.Name || Current.Value != keyword)
        {
            return false;
        }

        Advance();
        return true;
    }

    private SyntaxError Unexpected(Token? token = null)
    {
        var at = token ?? Current;
        return new SyntaxError($"Unexpected {at}.", at.Location);
    }

    /// <summary>open item+ close (spec "list of one or more").</summary>
    private List<T> Many<T>(TokenKind open, Func<T> item, TokenKind close)
    {
        Expect(open);
        var items = new List<T>();
        do
        {
            items.Add(item());
        }
        while (!Skip(close));

        return items;
    }

    /// <summary>[open item* close] — an optional, possibly empty, list.</summary>
    private IReadOnlyList<T> Optional<T>(TokenKind open, Func<T> item, TokenKind close) =>
        Current.Kind == open ? Many(open, item, close) : [];

    private void EnterNesting()
    {
        if (++_depth > _options.MaxDepth)
        {
            throw new SyntaxError(
                $"Document nesting is deeper than {_options.MaxDepth} levels.",
                Current.Location,
                ErrorCodes.MaxDepthExceeded);
        }
    }

    private void LeaveNesting() => _depth--;
}
