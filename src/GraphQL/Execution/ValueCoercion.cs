using System.Collections;
using Cabinets.GraphQL.Language.Ast;
using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Execution;

/// <summary>
/// Input coercion (spec 3.5–3.10 "Input Coercion"): variable values as read from JSON, literals in
/// the document, and default values declared in code. Coerced values are: scalars' parsed values,
/// enum CLR values, <c>object?[]</c> for lists and <c>Dictionary&lt;string, object?&gt;</c> for
/// input objects (only the fields given or defaulted are present).
/// </summary>
public static partial class ValueCoercion
{
    /// <summary>Marks "no value" (an absent variable), which differs from an explicit null.</summary>
    public static readonly object Undefined = new();

    /// <summary>Coerces an external value (a variable's JSON value) to <paramref name="type"/>; throws at the first problem.</summary>
    public static object? CoerceInput(object? value, GraphQLType type, string path) => CoerceInput(value, type, path, null);

    /// <summary>
    /// Like <see cref="CoerceInput(object?, GraphQLType, string)"/>, but every problem is added to
    /// <paramref name="problems"/> and coercion goes on, as graphql-js's <c>coerceInputValue</c> does
    /// with its <c>onError</c>: one variable can report several. The value is meaningless when any was added.
    /// </summary>
    internal static object? CoerceInput(object? value, GraphQLType type, string path, List<InputCoercionException>? problems)
    {
        if (type is NonNullType nonNull)
        {
            return value is null
                ? Fail(problems, new InputCoercionException($"Expected non-nullable type \"{type}\" not to be null.", path, null))
                : CoerceInput(value, nonNull.OfType, path, problems);
        }

        if (value is null)
        {
            return null;
        }

        switch (type)
        {
            case ListType list when value is IList items:
                var result = new object?[items.Count];
                for (var i = 0; i < items.Count; i++)
                {
                    result[i] = CoerceInput(items[i], list.OfType, $"{path}[{i}]", problems);
                }

                return result;
            case ListType list:
                return new[] { CoerceInput(value, list.OfType, path, problems) };
            case InputObjectType input:
                return CoerceInputObject(value, input, path, problems);
            case EnumType @enum:
                return Leaf(path, value, () => @enum.ParseValue(value), problems);
            case ScalarType scalar:
                return Leaf(path, value, () => scalar.ParseValue(value), problems);
            default:
                return Fail(problems, new InputCoercionException($"{type} is not an input type.", path, value));
        }
    }

    private static object? Fail(List<InputCoercionException>? problems, InputCoercionException problem)
    {
        if (problems is null)
        {
            throw problem;
        }

        problems.Add(problem);
        return null;
    }

    /// <summary>Coerces a default value written in C#; enum members and CLR numbers are accepted as such.</summary>
    public static object? CoerceDefault(object? value, GraphQLType type, string path)
    {
        if (type.Nullable is EnumType @enum && value is not null and not string)
        {
            return @enum.Values.Any(v => Equals(v.Value, value))
                ? value
                : throw new SchemaException($"The default value of {path} is not a value of enum {@enum.Name}: {value}.");
        }

        if (type.Nullable is ListType list && value is IList items)
        {
            return items.Cast<object?>().Select((item, i) => CoerceDefault(item, list.OfType, path)).ToArray();
        }

        try
        {
            return CoerceInput(value is int or short or byte ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : value, type, "");
        }
        catch (InputCoercionException e)
        {
            throw new SchemaException(e.Describe($"The default value of {path}", ""));
        }
    }

    // graphql-js order: the type's fields first, then keys the type does not define, then @oneOf.
    private static Dictionary<string, object?>? CoerceInputObject(object value, InputObjectType input, string path,
        List<InputCoercionException>? problems)
    {
        if (value is not IReadOnlyDictionary<string, object?> fields)
        {
            Fail(problems, new InputCoercionException($"Expected type \"{input.Name}\" to be an object.", path, value));
            return null;
        }

        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in input.Fields)
        {
            if (fields.TryGetValue(field.Name, out var fieldValue))
            {
                result[field.Name] = CoerceInput(fieldValue, field.Type, Append(path, field.Name), problems);
            }
            else if (field.HasDefaultValue)
            {
                result[field.Name] = field.DefaultValue;
            }
            else if (field.Type.IsNonNull)
            {
                Fail(problems, new InputCoercionException($"Field \"{field.Name}\" of required type \"{field.Type}\" was not provided.", path, value));
            }
        }

        foreach (var key in fields.Keys.Where(key => input.GetField(key) is null))
        {
            Fail(problems, new InputCoercionException($"Field \"{key}\" is not defined by type \"{input.Name}\".", path, value));
        }

        CheckOneOf(input, result, path, value, problems);
        return result;
    }

    internal static void CheckOneOf(InputObjectType input, Dictionary<string, object?> fields, string path, object? value,
        List<InputCoercionException>? problems = null)
    {
        if (!input.IsOneOf)
        {
            return;
        }

        if (fields.Count != 1)
        {
            Fail(problems, new InputCoercionException($"Exactly one key must be specified for OneOf type \"{input.Name}\".", path, value));
        }
        else if (fields.Values.Single() is null)
        {
            Fail(problems, new InputCoercionException($"Field \"{fields.Keys.Single()}\" must be non-null.", Append(path, fields.Keys.Single()), null));
        }
    }

    /// <summary>graphql-js <c>printPathArray</c> form: <c>.field</c>, then <c>[index]</c> for list items.</summary>
    internal static string Append(string path, string field) => $"{path}.{field}";

    private static object? Leaf(string path, object? value, Func<object> parse, List<InputCoercionException>? problems = null)
    {
        try
        {
            return parse();
        }
        catch (InputCoercionException e)
        {
            return Fail(problems, new InputCoercionException(e.Message, path, value));
        }
    }
}
