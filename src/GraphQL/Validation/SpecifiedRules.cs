namespace Cabinets.GraphQL.Validation;

/// <summary>
/// The rules of spec section 5, in the order graphql-js runs them. The executor uses this list
/// unless <see cref="Execution.ExecutorOptions.ValidationRules"/> says otherwise.
/// Owned by the validation rules' author: add each rule here as it lands.
/// </summary>
public static class SpecifiedRules
{
    public static IReadOnlyList<IValidationRule> All { get; } = [];
}
