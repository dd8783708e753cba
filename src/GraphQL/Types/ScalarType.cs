using Cabinets.GraphQL.Language.Ast;

namespace Cabinets.GraphQL.Types;

/// <summary>
/// A leaf type (spec 3.5). Subclasses implement result coercion (<see cref="Serialize"/>) and the
/// two input coercions: from a variable value (<see cref="ParseValue"/>: string, bool, long,
/// decimal, double, lists and dictionaries as read from JSON) and from a literal
/// (<see cref="ParseLiteral"/>). Invalid values throw <see cref="InputCoercionException"/>
/// (inputs) or <see cref="ResultCoercionException"/> (results).
/// </summary>
public abstract class ScalarType(string name, string? description = null, string? specifiedByUrl = null)
    : NamedType(name, description)
{
    public override TypeKind Kind => TypeKind.Scalar;

    public string? SpecifiedByUrl { get; } = specifiedByUrl;

    /// <summary>Turns a resolver's value into a JSON primitive (string, bool, int, long, double, decimal).</summary>
    public abstract object Serialize(object value);

    public abstract object ParseValue(object value);

    public abstract object ParseLiteral(ValueNode literal);

    /// <summary>An internal (coerced) value as a literal, for default values in SDL and introspection.</summary>
    public virtual ValueNode ToLiteral(object value) => Serialize(value) switch
    {
        string s => new StringValueNode(default, s),
        bool b => new BooleanValueNode(default, b),
        var number => Utilities.JsNumber.ToLiteral(number),
    };

    /// <summary>An input (variable value or literal) this scalar refuses: "Int cannot represent non-integer value: 1.5".</summary>
    protected InputCoercionException InvalidInput(object value, string problem = "value") =>
        new($"{Name} cannot represent {problem}: {Utilities.Inspect.Value(value)}");

    protected ResultCoercionException InvalidResult(object value, string problem = "value") =>
        new($"{Name} cannot represent {problem}: {Utilities.Inspect.Value(value)}");
}

/// <summary>An input value that does not fit its type; reported with code <c>BAD_USER_INPUT</c>.</summary>
public sealed class InputCoercionException : Exception
{
    private static readonly object NoValue = new();
    private readonly object? _invalidValue = NoValue;

    public InputCoercionException(string message)
        : base(message)
    {
    }

    internal InputCoercionException(string message, string path, object? invalidValue)
        : base(message)
    {
        Path = path;
        _invalidValue = invalidValue;
    }

    /// <summary>Where inside the value the problem is, as graphql-js prints it: <c>.states[0]</c>; empty for the value itself.</summary>
    public string Path { get; } = "";

    /// <summary>
    /// The message as graphql-js words it for variables:
    /// <c>Variable "$f" got invalid value "AJAR" at "f.states[0]"; Value "AJAR" does not exist in "State" enum.</c>
    /// </summary>
    public string Describe(string subject, string rootName)
    {
        var value = ReferenceEquals(_invalidValue, NoValue) ? "" : " " + Utilities.Inspect.Value(_invalidValue);
        var at = Path.Length == 0 ? "" : $" at \"{rootName}{Path}\"";
        return $"{subject} got invalid value{value}{at}; {Message}";
    }
}

/// <summary>A resolver returned a value its field's type cannot represent.</summary>
public sealed class ResultCoercionException(string message) : Exception(message);
