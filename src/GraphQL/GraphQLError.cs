using Cabinets.GraphQL.Language;

namespace Cabinets.GraphQL;

/// <summary>
/// One entry of a response's <c>errors</c> list (spec 7.1.2): a message, the document locations it
/// refers to, the response path of the field that failed and <c>extensions.code</c>.
/// </summary>
public sealed class GraphQLError
{
    public GraphQLError(
        string message,
        IReadOnlyList<Location>? locations = null,
        IReadOnlyList<object>? path = null,
        string? code = null,
        IReadOnlyDictionary<string, object?>? extensions = null)
    {
        Message = message;
        Locations = locations ?? [];
        Path = path;
        Code = code;
        Extensions = extensions;
    }

    public string Message { get; }

    public IReadOnlyList<Location> Locations { get; }

    /// <summary>Response path: field names (string) and list indices (int); null for request errors.</summary>
    public IReadOnlyList<object>? Path { get; }

    /// <summary>Serialized as <c>extensions.code</c>; see <see cref="ErrorCodes"/>.</summary>
    public string? Code { get; }

    /// <summary>Further <c>extensions</c> entries, written after <c>code</c>.</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; }

    public GraphQLError WithPath(IReadOnlyList<object>? path) => new(Message, Locations, path, Code, Extensions);

    public override string ToString() =>
        Locations.Count == 0 ? Message : $"{Message} at {string.Join(", ", Locations)}";
}

/// <summary>Thrown to carry a <see cref="GraphQLError"/>; resolvers may throw it to report a client-facing error.</summary>
public class GraphQLException : Exception
{
    public GraphQLException(GraphQLError error)
        : base(error.Message) => Error = error;

    public GraphQLException(string message, string? code = null)
        : this(new GraphQLError(message, code: code))
    {
    }

    public GraphQLError Error { get; }

    public IReadOnlyList<Location> Locations => Error.Locations;
}

/// <summary>A lexical or grammatical error, or a document that breaks a <see cref="ParserOptions"/> limit.</summary>
public sealed class SyntaxError(string message, Location location, string code = ErrorCodes.SyntaxError)
    : GraphQLException(new GraphQLError($"Syntax Error: {message}", [location], code: code))
{
    public Location Location { get; } = location;
}
