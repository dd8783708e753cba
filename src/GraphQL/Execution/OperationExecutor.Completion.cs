using System.Collections;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Execution;

internal sealed partial class OperationExecutor
{
    /// <summary>Spec 6.4.3 CompleteValue: writes <paramref name="value"/> into the slot, or bubbles a null.</summary>
    private void Complete(ResultNode parent, int index, GraphQLType type, CollectedField field, object? value, ResponsePath path)
    {
        var nonNull = false;
        if (type is NonNullType wrapper)
        {
            nonNull = true;
            type = wrapper.OfType;
        }

        if (value is null)
        {
            if (nonNull)
            {
                AddError(new GraphQLError(
                    $"Cannot return null for non-nullable field {field.ParentType.Name}.{field.Definition!.Name}.",
                    Locations(field),
                    path.ToList()));
            }

            parent.SetNull(index, nonNull);
            return;
        }

        try
        {
            switch (type)
            {
                case ScalarType scalar:
                    parent.Values[index] = scalar.Serialize(value);
                    return;
                case EnumType @enum:
                    parent.Values[index] = @enum.Serialize(value);
                    return;
                case ListType list:
                    CompleteList(parent, index, nonNull, list.OfType, field, value, path);
                    return;
                default:
                    var objectType = type as ObjectType ?? ResolveAbstractType((NamedType)type, value, field);
                    if (type == objectType && objectType.IsTypeOf is { } isTypeOf && !isTypeOf(value))
                    {
                        throw new ResultCoercionException($"Expected value of type \"{objectType.Name}\" but got: {value.GetType().Name}.");
                    }

                    var fields = _collector.CollectSubfields(objectType, field);
                    var node = new ResultNode(fields.Keys, fields.Fields.Length, parent, index, nonNull);
                    parent.Values[index] = node;
                    for (var i = 0; i < fields.Fields.Length; i++)
                    {
                        var subfield = fields.Fields[i];
                        ExecuteField(node, i, objectType, subfield, value, new ResponsePath(node, i));
                    }

                    return;
            }
        }
        catch (Exception e)
        {
            FieldError(e, field, path);
            parent.SetNull(index, nonNull);
        }
    }

    private void CompleteList(ResultNode parent, int index, bool nonNull, GraphQLType itemType, CollectedField field, object value, ResponsePath path)
    {
        if (value is string || value is not IEnumerable items)
        {
            throw new ResultCoercionException(
                $"Expected Iterable, but did not find one for field \"{field.ParentType.Name}.{field.Definition!.Name}\".");
        }

        var list = items as IList ?? items.Cast<object?>().ToList();
        var node = new ResultNode(null, list.Count, parent, index, nonNull);
        parent.Values[index] = node;
        for (var i = 0; i < list.Count; i++)
        {
            Complete(node, i, itemType, field, list[i], new ResponsePath(node, i));
        }
    }

    private ObjectType ResolveAbstractType(NamedType abstractType, object value, CollectedField field)
    {
        var resolver = abstractType switch
        {
            InterfaceType i => i.ResolveType,
            UnionType u => u.ResolveType,
            _ => null,
        };
        ObjectType? resolved = null;
        if (resolver is not null)
        {
            resolved = resolver(value, _context.Schema);
        }
        else
        {
            foreach (var candidate in _context.Schema.GetPossibleTypes(abstractType))
            {
                if (candidate.IsTypeOf?.Invoke(value) == true)
                {
                    resolved = candidate;
                    break;
                }
            }
        }

        if (resolved is null || !_context.Schema.IsPossibleType(abstractType, resolved))
        {
            throw new ResultCoercionException(resolved is null
                ? $"Abstract type \"{abstractType.Name}\" must resolve to an Object type at runtime for field \"{field.ParentType.Name}.{field.Definition!.Name}\". Either the \"{abstractType.Name}\" type should provide a \"resolveType\" function or each possible type should provide an \"isTypeOf\" function."
                : $"Runtime Object type \"{resolved.Name}\" is not a possible type for \"{abstractType.Name}\".");
        }

        return resolved;
    }

    private static IReadOnlyList<Language.Location> Locations(CollectedField field) =>
        field.Nodes.Count == 1 ? [field.Node.Location] : [.. field.Nodes.Select(n => n.Location)];

    private void AddError(GraphQLError error) => (_errors ??= []).Add(error);

    /// <summary>A resolver or coercion failure: client-facing errors pass through, the rest are masked.</summary>
    private void FieldError(Exception exception, CollectedField field, ResponsePath path)
    {
        if (exception is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            exception = aggregate.InnerExceptions[0];
        }

        var locations = Locations(field);
        var error = exception switch
        {
            GraphQLException g => new GraphQLError(g.Error.Message, g.Error.Locations.Count > 0 ? g.Error.Locations : locations, path.ToList(), g.Error.Code, g.Error.Extensions),
            ResultCoercionException or InputCoercionException => new GraphQLError(exception.Message, locations, path.ToList()),
            OperationCanceledException when _context.CancellationToken.IsCancellationRequested =>
                new GraphQLError("The request was cancelled or timed out.", locations, path.ToList(), ErrorCodes.Timeout),
            _ when _context.Options.IncludeExceptionDetails => new GraphQLError(
                exception.Message,
                locations,
                path.ToList(),
                ErrorCodes.InternalError,
                new Dictionary<string, object?> { ["exception"] = exception.ToString() }),
            _ => new GraphQLError("Unexpected Execution Error", locations, path.ToList(), ErrorCodes.InternalError),
        };
        AddError(error);
    }
}
