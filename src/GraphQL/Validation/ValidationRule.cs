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
