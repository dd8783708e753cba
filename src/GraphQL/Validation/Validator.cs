using Cabinets.GraphQL.Language.Ast;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Validation;

/// <summary>Runs rules over a document (spec 5); the executor calls it before executing anything.</summary>
public static class Validator
{
    /// <summary>Stops collecting after this many errors, so a hostile document cannot make a huge error list.</summary>
    public const int MaxErrors = 100;

    public static IReadOnlyList<GraphQLError> Validate(
        Schema schema,
        DocumentNode document,
        IReadOnlyList<IValidationRule> rules,
        IReadOnlyDictionary<string, object?>? variables = null)
    {
        var context = new ValidationContext(schema, document, variables);
        foreach (var rule in rules)
        {
            rule.Validate(context);
            if (context.Errors.Count >= MaxErrors)
            {
                break;
            }
        }

        return context.Errors.Count > MaxErrors ? [.. context.Errors.Take(MaxErrors)] : context.Errors;
    }
}
