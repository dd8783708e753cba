using Cabinets.GraphQL.Language.Ast;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Validation;

/// <summary>
/// One validation rule of spec section 5 (or an application rule such as a permission pre-check).
/// A rule reads <see cref="ValidationContext.Document"/> and <see cref="ValidationContext.Schema"/>
/// and reports every problem with <see cref="ValidationContext.ReportError(string, SyntaxNode[])"/>.
/// Rules must be stateless (one instance serves concurrent requests) and must not throw for
/// invalid documents.
/// </summary>
public interface IValidationRule
{
    /// <summary>
    /// Whether the rule reads <see cref="ValidationContext.Variables"/>. Results of rules that do not
    /// are cached with the parsed document by query text; a rule that does runs on every request.
    /// </summary>
    bool UsesVariables => false;

    void Validate(ValidationContext context);
}

/// <summary>Everything a rule may read, plus the error sink.</summary>
public sealed class ValidationContext
{
    private readonly List<GraphQLError> _errors = [];
    private Dictionary<string, FragmentDefinitionNode>? _fragments;

    public ValidationContext(Schema schema, DocumentNode document, IReadOnlyDictionary<string, object?>? variables = null)
    {
        Schema = schema;
        Document = document;
        Variables = variables ?? new Dictionary<string, object?>();
    }

    public Schema Schema { get; }

    public DocumentNode Document { get; }

    /// <summary>The request's raw variable values (JSON-shaped: string, bool, long, decimal, double, lists, dictionaries).</summary>
    public IReadOnlyDictionary<string, object?> Variables { get; }

    public IReadOnlyList<GraphQLError> Errors => _errors;

    /// <summary>Fragment definitions by name; the first wins when a name is defined twice.</summary>
    public IReadOnlyDictionary<string, FragmentDefinitionNode> Fragments => _fragments ??= BuildFragments();

    public FragmentDefinitionNode? GetFragment(string name) => Fragments.GetValueOrDefault(name);

    /// <summary>Reports an error at the locations of <paramref name="nodes"/> (code <c>GRAPHQL_VALIDATION_FAILED</c>).</summary>
    public void ReportError(string message, params SyntaxNode[] nodes) =>
        _errors.Add(new GraphQLError(message, [.. nodes.Select(n => n.Location)], code: ErrorCodes.ValidationFailed));

    public void ReportError(GraphQLError error) => _errors.Add(error);

    private Dictionary<string, FragmentDefinitionNode> BuildFragments()
    {
        var fragments = new Dictionary<string, FragmentDefinitionNode>(StringComparer.Ordinal);
        foreach (var fragment in Document.Fragments)
        {
            fragments.TryAdd(fragment.Name.Value, fragment);
        }

        return fragments;
    }
}
