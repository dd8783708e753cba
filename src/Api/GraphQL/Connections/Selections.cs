using Cabinets.GraphQL.Language.Ast;

namespace Cabinets.Api.GraphQL.Connections;

/// <summary>Looks ahead into a field's own selection set, so the page statement can also count when totalCount is asked for.</summary>
internal static class Selections
{
    /// <summary>
    /// True when <paramref name="field"/> appears directly or in inline fragments. Named fragments
    /// are not visible to a resolver; a miss only costs totalCount's own statement later.
    /// </summary>
    public static bool Mentions(SelectionSetNode? selections, string field) =>
        selections is not null && selections.Selections.Any(s => s switch
        {
            FieldNode f => f.Name.Value == field,
            InlineFragmentNode i => Mentions(i.SelectionSet, field),
            _ => false,
        });
}
