using Cabinets.GraphQL.Language.Ast;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Validation;

/// <summary>Everything a rule may read, plus the error sink.</summary>
public sealed partial class ValidationContext
{
    private readonly List<GraphQLError> _errors = [];
    private Dictionary<string, FragmentDefinitionNode>? _fragments;
    private Dictionary<string, FragmentDefinitionNode>? _lastFragments;

    public ValidationContext(
        Schema schema,
        DocumentNode document,
        IReadOnlyDictionary<string, object?>? variables = null,
        int maxErrors = Validator.MaxErrors)
    {
        Schema = schema;
        Document = document;
        Variables = variables ?? new Dictionary<string, object?>();
        MaxErrors = maxErrors;
        TypeInfo = new TypeInfo(schema);
    }

    public Schema Schema { get; }

    public DocumentNode Document { get; }

    /// <summary>The request's raw variable values (JSON-shaped: string, bool, long, decimal, double, lists, dictionaries).</summary>
    public IReadOnlyDictionary<string, object?> Variables { get; }

    public IReadOnlyList<GraphQLError> Errors => _errors;

    /// <summary>After this many errors the next report ends validation with "Too many validation errors" (graphql-js <c>maxErrors</c>).</summary>
    public int MaxErrors { get; }

    /// <summary>Types and definitions of the node a <see cref="ValidationVisitor"/> is visiting.</summary>
    public TypeInfo TypeInfo { get; }

    /// <summary>Fragment definitions by name; the first wins when a name is defined twice.</summary>
    public IReadOnlyDictionary<string, FragmentDefinitionNode> Fragments => _fragments ??= BuildFragments(lastWins: false);

    public FragmentDefinitionNode? GetFragment(string name) => Fragments.GetValueOrDefault(name);

    /// <summary>
    /// Reports an error at the locations of <paramref name="nodes"/> (code <c>GRAPHQL_VALIDATION_FAILED</c>).
    /// Once <see cref="MaxErrors"/> errors are in, reporting another ends validation instead.
    /// </summary>
    public void ReportError(string message, params SyntaxNode[] nodes) =>
        ReportError(new GraphQLError(message, [.. nodes.Select(n => n.Location)], code: ErrorCodes.ValidationFailed));

    public void ReportError(GraphQLError error)
    {
        if (_errors.Count >= MaxErrors)
        {
            Abort("Too many validation errors, error limit reached. Validation aborted.");
        }

        _errors.Add(error);
    }

    /// <summary>
    /// The fragment rules see under <paramref name="name"/>: as graphql-js <c>getFragment</c>, the
    /// last definition wins (only an invalid document defines a name twice).
    /// </summary>
    internal FragmentDefinitionNode? LookupFragment(string name) =>
        (_lastFragments ??= BuildFragments(lastWins: true)).GetValueOrDefault(name);

    /// <summary>Ends validation: the error is added (whatever the limit) and the walk unwinds to the <see cref="Validator"/>.</summary>
    internal void Abort(string message)
    {
        _errors.Add(new GraphQLError(message, code: ErrorCodes.ValidationFailed));
        throw new ValidationAbortedException();
    }

    private Dictionary<string, FragmentDefinitionNode> BuildFragments(bool lastWins)
    {
        var fragments = new Dictionary<string, FragmentDefinitionNode>(StringComparer.Ordinal);
        foreach (var fragment in Document.Fragments)
        {
            if (lastWins)
            {
                fragments[fragment.Name.Value] = fragment;
            }
            else
            {
                fragments.TryAdd(fragment.Name.Value, fragment);
            }
        }

        return fragments;
    }
}

/// <summary>Unwinds a walk once validation is aborted; the <see cref="Validator"/> catches it.</summary>
internal sealed class ValidationAbortedException : Exception
{
    public ValidationAbortedException()
        : base("Validation aborted.")
    {
    }
}
