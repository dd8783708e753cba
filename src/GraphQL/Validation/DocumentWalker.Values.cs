using Cabinets.GraphQL.Language.Ast;

namespace Cabinets.GraphQL.Validation;

/// <summary>Type references, values, and the per-visitor enter/leave dispatch with graphql-js <c>visitInParallel</c> skipping.</summary>
internal sealed partial class DocumentWalker
{
    private void Type(TypeNode node, bool inTypeSystem)
    {
        switch (node)
        {
            case NamedTypeNode named:
                Enter(named, inTypeSystem, static (v, n, sdl) => v.EnterNamedType(n, sdl));
                Leave(named, static (v, n) => v.LeaveNamedType(n));
                break;
            case ListTypeNode list:
                Type(list.Type, inTypeSystem);
                break;
            case NonNullTypeNode nonNull:
                Type(nonNull.Type, inTypeSystem);
                break;
        }
    }

    private void Value(ValueNode node)
    {
        switch (node)
        {
            case ListValueNode list:
                _typeInfo.EnterListValue();
                if (Enter(node, static (v, n) => v.EnterValue(n)))
                {
                    foreach (var item in list.Values)
                    {
                        Value(item);
                    }
                }

                Leave(node, static (v, n) => v.LeaveValue(n));
                _typeInfo.LeaveListValueOrObjectField();
                break;
            case ObjectValueNode obj:
                if (Enter(node, static (v, n) => v.EnterValue(n)))
                {
                    foreach (var field in obj.Fields)
                    {
                        ObjectField(field);
                    }
                }

                Leave(node, static (v, n) => v.LeaveValue(n));
                break;
            default:
                Enter(node, static (v, n) => v.EnterValue(n));
                Leave(node, static (v, n) => v.LeaveValue(n));
                break;
        }
    }

    private void ObjectField(ObjectFieldNode node)
    {
        _typeInfo.EnterObjectField(node);
        if (Enter(node, static (v, n) => v.EnterObjectField(n)))
        {
            Value(node.Value);
        }

        Leave(node, static (v, n) => v.LeaveObjectField(n));
        _typeInfo.LeaveListValueOrObjectField();
    }

    /// <summary>Calls each visitor not skipping; one that returns false skips <paramref name="node"/>'s subtree. True while any visitor is active.</summary>
    private bool Enter<T>(T node, Func<ValidationVisitor, T, bool> enter)
        where T : SyntaxNode
    {
        for (var i = 0; i < _visitors.Length; i++)
        {
            if (_skipping[i] is null && !enter(_visitors[i], node))
            {
                _skipping[i] = node;
                _active--;
            }
        }

        return _active > 0;
    }

    private bool Enter<T, TState>(T node, TState state, Func<ValidationVisitor, T, TState, bool> enter)
        where T : SyntaxNode
    {
        for (var i = 0; i < _visitors.Length; i++)
        {
            if (_skipping[i] is null && !enter(_visitors[i], node, state))
            {
                _skipping[i] = node;
                _active--;
            }
        }

        return _active > 0;
    }

    private void Leave<T>(T node, Action<ValidationVisitor, T> leave)
        where T : SyntaxNode
    {
        for (var i = 0; i < _visitors.Length; i++)
        {
            if (_skipping[i] is null)
            {
                leave(_visitors[i], node);
            }
            else if (ReferenceEquals(_skipping[i], node))
            {
                _skipping[i] = null;
                _active++;
            }
        }
    }
}
