using Cabinets.GraphQL.Language.Ast;
using Cabinets.GraphQL.Validation.Rules.Overlapping;

namespace Cabinets.GraphQL.Validation.Rules;

/// <summary>
/// Spec 5.3.2 Field Selection Merging (FieldsInSetCanMerge, SameResponseShape). A port of graphql-js
/// 16's algorithm: fields are collected once per selection set and parent type, fragment pairs and
/// field/fragment comparisons are memoized, and a complexity budget ends pathological documents
/// with "Validation aborted." instead of exponential work. See <see cref="ConflictFinder"/>.
/// </summary>
internal sealed class OverlappingFieldsCanBeMergedRule : VisitorValidationRule
{
    public override ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        private readonly ConflictFinder _finder = new(context);

        public override bool EnterSelectionSet(SelectionSetNode node, SyntaxNode parent)
        {
            // An inline fragment's fields are checked with its enclosing set; one plain selection cannot conflict.
            if (parent is InlineFragmentNode || (node.Selections.Count <= 1 && node.Selections.FirstOrDefault() is not InlineFragmentNode))
            {
                return true;
            }

            foreach (var conflict in _finder.FindConflictsWithinSelectionSet(context.TypeInfo.ParentType, node))
            {
                context.ReportError(
                    $"Fields \"{ConflictFinder.Abbreviate(conflict.ResponseName)}\" conflict because {conflict.Reason}. "
                    + "Use different aliases on the fields to fetch both if this was intentional.",
                    [.. conflict.Fields1, .. conflict.Fields2]);
            }

            return true;
        }
    }
}
