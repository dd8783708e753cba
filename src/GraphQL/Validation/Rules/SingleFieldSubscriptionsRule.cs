using Cabinets.GraphQL.Language.Ast;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Validation.Rules;

/// <summary>
/// Spec 5.2.4.1 Single Root Field: CollectSubscriptionFields must give exactly one entry, not an
/// introspection field. As the September 2025 spec (and graphql-js 17), <c>@skip</c> and
/// <c>@include</c> are not evaluated but forbidden at the top level: validation has no variables.
/// </summary>
internal sealed class SingleFieldSubscriptionsRule : VisitorValidationRule
{
    public override ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(context);

    private sealed class Visitor(ValidationContext context) : ValidationVisitor
    {
        public override bool EnterOperationDefinition(OperationDefinitionNode node)
        {
            if (node.Operation != OperationType.Subscription || context.Schema.SubscriptionType is not { } subscriptionType)
            {
                return true;
            }

            var subject = node.Name is { } name ? $"Subscription \"{name.Value}\"" : "Anonymous Subscription";
            var collector = new Collector(context, subscriptionType);
            collector.Collect(node.SelectionSet);
            if (collector.Forbidden.Count > 0)
            {
                context.ReportError($"{subject} must not use `@skip` or `@include` directives in the top level selection.", [.. collector.Forbidden]);
                return true;
            }

            var fields = collector.Fields;
            if (fields.Count == 0)
            {
                context.ReportError($"{subject} must select one top level field.", node.SelectionSet);
            }
            else if (fields.Count > 1)
            {
                context.ReportError($"{subject} must select only one top level field.", [.. fields.Values.Skip(1).SelectMany(f => f)]);
            }

            foreach (var list in fields.Values)
            {
                if (list[0].Name.Value.StartsWith("__", StringComparison.Ordinal))
                {
                    context.ReportError($"{subject} must not select an introspection top level field.", [.. list]);
                }
            }

            return true;
        }
    }

    /// <summary>CollectSubscriptionFields, metering its work like graphql-js 17.</summary>
    private sealed class Collector(ValidationContext context, ObjectType type)
    {
        private readonly HashSet<string> _visitedFragments = new(StringComparer.Ordinal);

        public OrderedDictionary<string, List<FieldNode>> Fields { get; } = new(StringComparer.Ordinal);

        public List<DirectiveNode> Forbidden { get; } = [];

        public void Collect(SelectionSetNode selectionSet)
        {
            context.SpendFragmentWork(selectionSet.Selections.Count);
            foreach (var selection in selectionSet.Selections)
            {
                context.SpendFragmentWork(selection.Directives.Count);
                context.SpendFragmentWork(selection.Directives.FirstOrDefault(d => d.Name.Value == "defer")?.Arguments.Count ?? 0);
            }

            foreach (var selection in selectionSet.Selections)
            {
                if (!IsAllowed(selection))
                {
                    continue;
                }

                switch (selection)
                {
                    case FieldNode field:
                        if (!Fields.TryGetValue(field.ResponseKey, out var list))
                        {
                            Fields[field.ResponseKey] = list = [];
                        }

                        list.Add(field);
                        break;
                    case InlineFragmentNode inline when Matches(inline.TypeCondition):
                        Collect(inline.SelectionSet);
                        break;
                    case FragmentSpreadNode spread
                        when context.LookupFragment(spread.Name.Value) is { } fragment && Matches(fragment.TypeCondition)
                            && _visitedFragments.Add(spread.Name.Value):
                        Collect(fragment.SelectionSet);
                        break;
                }
            }
        }

        /// <summary>Records a top level <c>@skip</c> (else <c>@include</c>) and leaves the selection out.</summary>
        private bool IsAllowed(SelectionNode selection)
        {
            var directive = selection.Directives.FirstOrDefault(d => d.Name.Value == "skip")
                ?? selection.Directives.FirstOrDefault(d => d.Name.Value == "include");
            if (directive is not null)
            {
                Forbidden.Add(directive);
            }

            return directive is null;
        }

        private bool Matches(NamedTypeNode? typeCondition)
        {
            if (typeCondition is null)
            {
                return true;
            }

            var conditionType = TypeInfo.FromAst(context.Schema, typeCondition);
            return conditionType == type
                || (conditionType is NamedType { IsAbstract: true } @abstract && TypeComparators.IsMember(context.Schema, @abstract, type));
        }
    }
}
