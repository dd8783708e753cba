using Cabinets.GraphQL.Language.Ast;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Validation;

/// <summary>
/// Walks a document once for many visitors, in the order of graphql-js <c>visit</c> (children in
/// <c>QueryDocumentKeys</c> order, descriptions skipped), updating <see cref="TypeInfo"/> around
/// each call as <c>visitWithTypeInfo</c> does and skipping subtrees per visitor as
/// <c>visitInParallel</c> does. Running all rules in one walk keeps errors in graphql-js order.
/// </summary>
internal sealed partial class DocumentWalker
{
    private readonly TypeInfo _typeInfo;
    private readonly ValidationVisitor[] _visitors;
    private readonly SyntaxNode?[] _skipping;
    private int _active;

    public DocumentWalker(TypeInfo typeInfo, ValidationVisitor[] visitors)
    {
        _typeInfo = typeInfo;
        _visitors = visitors;
        _skipping = new SyntaxNode?[visitors.Length];
        _active = visitors.Length;
    }

    public void Walk(DocumentNode document)
    {
        if (Enter(document, static (v, n) => v.EnterDocument(n)))
        {
            foreach (var definition in document.Definitions)
            {
                switch (definition)
                {
                    case ExecutableDefinitionNode executable:
                        WalkDefinition(executable);
                        break;
                    case TypeSystemDefinitionNode typeSystem:
                        TypeSystemDefinition(typeSystem);
                        break;
                }
            }
        }

        Leave(document, static (v, n) => v.LeaveDocument(n));
    }

    public void WalkDefinition(ExecutableDefinitionNode definition)
    {
        if (definition is OperationDefinitionNode operation)
        {
            Operation(operation);
        }
        else if (definition is FragmentDefinitionNode fragment)
        {
            Fragment(fragment);
        }
    }

    private void Operation(OperationDefinitionNode node)
    {
        _typeInfo.EnterOperation(node);
        if (Enter(node, static (v, n) => v.EnterOperationDefinition(n)))
        {
            foreach (var variable in node.VariableDefinitions)
            {
                VariableDefinition(variable);
            }

            Directives(node.Directives, node.Operation switch
            {
                OperationType.Query => DirectiveLocation.Query,
                OperationType.Mutation => DirectiveLocation.Mutation,
                _ => DirectiveLocation.Subscription,
            });
            SelectionSet(node.SelectionSet, node);
        }

        Leave(node, static (v, n) => v.LeaveOperationDefinition(n));
        _typeInfo.LeaveOperationOrFragment();
    }

    private void VariableDefinition(VariableDefinitionNode node)
    {
        _typeInfo.EnterVariableDefinition(node);
        if (Enter(node, static (v, n) => v.EnterVariableDefinition(n)))
        {
            Value(node.Variable);
            Type(node.Type, inTypeSystem: false);
            if (node.DefaultValue is { } defaultValue)
            {
                Value(defaultValue);
            }

            Directives(node.Directives, DirectiveLocation.VariableDefinition);
        }

        Leave(node, static (v, n) => v.LeaveVariableDefinition(n));
        _typeInfo.LeaveVariableDefinition();
    }

    private void Fragment(FragmentDefinitionNode node)
    {
        _typeInfo.EnterFragment(node.TypeCondition);
        if (Enter(node, static (v, n) => v.EnterFragmentDefinition(n)))
        {
            Type(node.TypeCondition, inTypeSystem: false);
            Directives(node.Directives, DirectiveLocation.FragmentDefinition);
            SelectionSet(node.SelectionSet, node);
        }

        Leave(node, static (v, n) => v.LeaveFragmentDefinition(n));
        _typeInfo.LeaveOperationOrFragment();
    }

    private void SelectionSet(SelectionSetNode node, SyntaxNode parent)
    {
        _typeInfo.EnterSelectionSet();
        if (Enter(node, parent, static (v, n, p) => v.EnterSelectionSet(n, p)))
        {
            foreach (var selection in node.Selections)
            {
                switch (selection)
                {
                    case FieldNode field:
                        Field(field);
                        break;
                    case FragmentSpreadNode spread:
                        FragmentSpread(spread);
                        break;
                    case InlineFragmentNode inline:
                        InlineFragment(inline);
                        break;
                }
            }
        }

        Leave(node, static (v, n) => v.LeaveSelectionSet(n));
        _typeInfo.LeaveSelectionSet();
    }

    private void Field(FieldNode node)
    {
        _typeInfo.EnterField(node);
        if (Enter(node, static (v, n) => v.EnterField(n)))
        {
            Arguments(node.Arguments);
            Directives(node.Directives, DirectiveLocation.Field);
            if (node.SelectionSet is { } selectionSet)
            {
                SelectionSet(selectionSet, node);
            }
        }

        Leave(node, static (v, n) => v.LeaveField(n));
        _typeInfo.LeaveField();
    }

    private void FragmentSpread(FragmentSpreadNode node)
    {
        if (Enter(node, static (v, n) => v.EnterFragmentSpread(n)))
        {
            Directives(node.Directives, DirectiveLocation.FragmentSpread);
        }

        Leave(node, static (v, n) => v.LeaveFragmentSpread(n));
    }

    private void InlineFragment(InlineFragmentNode node)
    {
        _typeInfo.EnterFragment(node.TypeCondition);
        if (Enter(node, static (v, n) => v.EnterInlineFragment(n)))
        {
            if (node.TypeCondition is { } typeCondition)
            {
                Type(typeCondition, inTypeSystem: false);
            }

            Directives(node.Directives, DirectiveLocation.InlineFragment);
            SelectionSet(node.SelectionSet, node);
        }

        Leave(node, static (v, n) => v.LeaveInlineFragment(n));
        _typeInfo.LeaveOperationOrFragment();
    }

    private void Arguments(IReadOnlyList<ArgumentNode> arguments)
    {
        foreach (var argument in arguments)
        {
            _typeInfo.EnterArgument(argument);
            if (Enter(argument, static (v, n) => v.EnterArgument(n)))
            {
                Value(argument.Value);
            }

            Leave(argument, static (v, n) => v.LeaveArgument(n));
            _typeInfo.LeaveArgument();
        }
    }

    private void Directives(IReadOnlyList<DirectiveNode> directives, DirectiveLocation location)
    {
        foreach (var directive in directives)
        {
            _typeInfo.EnterDirective(directive);
            if (Enter(directive, location, static (v, n, l) => v.EnterDirective(n, l)))
            {
                Arguments(directive.Arguments);
            }

            Leave(directive, static (v, n) => v.LeaveDirective(n));
            _typeInfo.LeaveDirective();
        }
    }
}
