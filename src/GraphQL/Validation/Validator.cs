using Cabinets.GraphQL.Language.Ast;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Validation;

/// <summary>Runs rules over a document (spec 5); the executor calls it before executing anything.</summary>
public static class Validator
{
    /// <summary>Default error limit (graphql-js <c>maxErrors</c>), so a hostile document cannot make a huge error list.</summary>
    public const int MaxErrors = 100;

    /// <summary>
    /// Validates <paramref name="document"/>. Consecutive <see cref="VisitorValidationRule"/>s run side
    /// by side in one walk, as graphql-js runs its rules, so errors come in graphql-js order. After
    /// <paramref name="maxErrors"/> errors, one more report adds "Too many validation errors, error
    /// limit reached. Validation aborted." and stops.
    /// </summary>
    public static IReadOnlyList<GraphQLError> Validate(
        Schema schema,
        DocumentNode document,
        IReadOnlyList<IValidationRule> rules,
        IReadOnlyDictionary<string, object?>? variables = null,
        int maxErrors = MaxErrors)
    {
        var context = new ValidationContext(schema, document, variables, maxErrors);
        var visitors = new List<ValidationVisitor>();
        try
        {
            foreach (var rule in rules)
            {
                if (rule is VisitorValidationRule visitorRule)
                {
                    visitors.Add(visitorRule.CreateVisitor(context));
                    continue;
                }

                Flush(context, visitors);
                rule.Validate(context);
            }

            Flush(context, visitors);
        }
        catch (ValidationAbortedException)
        {
            // The context has recorded why.
        }

        return context.Errors;
    }

    /// <summary>Walks the context's document with <paramref name="visitors"/> side by side.</summary>
    internal static void Walk(ValidationContext context, ValidationVisitor[] visitors) =>
        new DocumentWalker(context.TypeInfo, visitors).Walk(context.Document);

    private static void Flush(ValidationContext context, List<ValidationVisitor> visitors)
    {
        if (visitors.Count > 0)
        {
            Walk(context, [.. visitors]);
            visitors.Clear();
        }
    }
}
