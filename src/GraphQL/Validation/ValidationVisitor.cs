using Cabinets.GraphQL.Language.Ast;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Validation;

/// <summary>
/// The per-validation half of a <see cref="VisitorValidationRule"/>: it holds the state of one run
/// and receives the document's nodes in graphql-js <c>visit</c> order. An <c>Enter…</c> method that
/// returns false skips that node's subtree for this visitor only (graphql-js <c>visitInParallel</c>);
/// the matching <c>Leave…</c> is then not called. <see cref="ValidationContext.TypeInfo"/> describes
/// the current node during both calls.
/// </summary>
public abstract class ValidationVisitor
{
    public virtual bool EnterDocument(DocumentNode node) => true;

    public virtual void LeaveDocument(DocumentNode node)
    {
    }

    public virtual bool EnterOperationDefinition(OperationDefinitionNode node) => true;

    public virtual void LeaveOperationDefinition(OperationDefinitionNode node)
    {
    }

    public virtual bool EnterVariableDefinition(VariableDefinitionNode node) => true;

    public virtual void LeaveVariableDefinition(VariableDefinitionNode node)
    {
    }

    public virtual bool EnterFragmentDefinition(FragmentDefinitionNode node) => true;

    public virtual void LeaveFragmentDefinition(FragmentDefinitionNode node)
    {
    }

    /// <summary><paramref name="parent"/> is the operation, field, fragment or inline fragment that owns the set.</summary>
    public virtual bool EnterSelectionSet(SelectionSetNode node, SyntaxNode parent) => true;

    public virtual void LeaveSelectionSet(SelectionSetNode node)
    {
    }

    public virtual bool EnterField(FieldNode node) => true;

    public virtual void LeaveField(FieldNode node)
    {
    }

    public virtual bool EnterFragmentSpread(FragmentSpreadNode node) => true;

    public virtual void LeaveFragmentSpread(FragmentSpreadNode node)
    {
    }

    public virtual bool EnterInlineFragment(InlineFragmentNode node) => true;

    public virtual void LeaveInlineFragment(InlineFragmentNode node)
    {
    }

    public virtual bool EnterArgument(ArgumentNode node) => true;

    public virtual void LeaveArgument(ArgumentNode node)
    {
    }

    /// <summary><paramref name="location"/> is where the directive is applied (spec 3.13 DirectiveLocation).</summary>
    public virtual bool EnterDirective(DirectiveNode node, DirectiveLocation location) => true;

    public virtual void LeaveDirective(DirectiveNode node)
    {
    }

    /// <summary>A type reference; <paramref name="inTypeSystemDefinition"/> when it sits in SDL, not in an operation or fragment.</summary>
    public virtual bool EnterNamedType(NamedTypeNode node, bool inTypeSystemDefinition) => true;

    public virtual void LeaveNamedType(NamedTypeNode node)
    {
    }

    /// <summary>Any value: literals, lists, objects and variables (also the variable of a variable definition).</summary>
    public virtual bool EnterValue(ValueNode node) => true;

    public virtual void LeaveValue(ValueNode node)
    {
    }

    public virtual bool EnterObjectField(ObjectFieldNode node) => true;

    public virtual void LeaveObjectField(ObjectFieldNode node)
    {
    }

    /// <summary>
    /// A type system definition or extension, or one of its members (field, argument, input field,
    /// enum value and root operation type definitions). Executable documents must not contain them,
    /// but graphql-js still walks them, so rules about names, directives and values still apply.
    /// </summary>
    public virtual bool EnterTypeSystemNode(SyntaxNode node) => true;

    public virtual void LeaveTypeSystemNode(SyntaxNode node)
    {
    }
}

/// <summary>A rule written as a <see cref="ValidationVisitor"/>; <see cref="Validator"/> runs such rules side by side in one walk.</summary>
public abstract class VisitorValidationRule : IValidationRule
{
    public virtual bool UsesVariables => false;

    /// <summary>Creates the visitor holding this run's state (the rule itself stays stateless).</summary>
    public abstract ValidationVisitor CreateVisitor(ValidationContext context);

    public void Validate(ValidationContext context) => Validator.Walk(context, [CreateVisitor(context)]);
}
