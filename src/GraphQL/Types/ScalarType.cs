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

    protected InputCoercionException InvalidInput(object value) =>
        new($"{Name} cannot represent {Describe(value)}.");

    protected ResultCoercionException InvalidResult(object value) =>
        new($"{Name} cannot represent value: {Describe(value)}");

    private static string Describe(object value) => value switch
    {
        string s => $"\"{s}\"",
        ValueNode node => Language.Printer.Print(node),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.GetType().Name,
    };
}

/// <summary>An input value that does not fit its type; reported with code <c>BAD_USER_INPUT</c>.</summary>
public sealed class InputCoercionException(string message, string path = "") : Exception(message)
{
    /// <summary>Where inside the value the problem is, e.g. <c>states[0]</c>; empty for the value itself.</summary>
    public string Path { get; } = path;

    /// <summary>The message prefixed with what was being coerced and where, e.g. <c>Variable "$f"</c>.</summary>
    public string Describe(string subject) =>
        Path.Length == 0 ? $"{subject} got invalid value: {Message}" : $"{subject} got invalid value at \"{Path}\": {Message}";
}

/// <summary>A resolver returned a value its field's type cannot represent.</summary>
public sealed class ResultCoercionException(string message) : Exception(message);
