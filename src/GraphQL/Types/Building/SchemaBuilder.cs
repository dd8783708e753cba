using System.Text;

namespace Cabinets.GraphQL.Types;

/// <summary>
/// Builds a <see cref="Schema"/> in code. Types refer to each other by name and may be declared in
/// any order; <see cref="Build"/> resolves the names and checks the type system rules. Declaring
/// an object type again under the same name adds fields to it, so each feature module can add its
/// own <c>Query</c> and <c>Mutation</c> fields.
/// </summary>
public sealed partial class SchemaBuilder
{
    private readonly List<string> _order = [];
    private readonly Dictionary<string, object> _types = new(StringComparer.Ordinal);
    private readonly List<DirectiveBuilder> _directives = [];
    private string? _description;
    private string _queryName = "Query";
    private string? _mutationName;
    private string? _subscriptionName;

    public SchemaBuilder Description(string description)
    {
        _description = description;
        return this;
    }

    /// <summary>Fields of the root query type (named <c>Query</c>); resolvers get the request's root value.</summary>
    public SchemaBuilder Query(Action<ObjectTypeBuilder<object?>> configure) => Query("Query", configure);

    public SchemaBuilder Query(string typeName, Action<ObjectTypeBuilder<object?>> configure)
    {
        _queryName = typeName;
        return Object(typeName, configure);
    }

    public SchemaBuilder Mutation(Action<ObjectTypeBuilder<object?>> configure) => Mutation("Mutation", configure);

    public SchemaBuilder Mutation(string typeName, Action<ObjectTypeBuilder<object?>> configure)
    {
        _mutationName = typeName;
        return Object(typeName, configure);
    }

    public SchemaBuilder Subscription(Action<ObjectTypeBuilder<object?>> configure)
    {
        _subscriptionName = "Subscription";
        return Object("Subscription", configure);
    }

    /// <summary>An object type whose values are <typeparamref name="TSource"/> (also its default IsTypeOf).</summary>
    public SchemaBuilder Object<TSource>(string name, Action<ObjectTypeBuilder<TSource>> configure)
    {
        var config = Register(name, () => new ComplexTypeConfig(name, isInterface: false, typeof(TSource)));
        if (config.IsInterface || config.SourceType != typeof(TSource))
        {
            throw new SchemaException($"Type {name} is already declared with another kind or source type ({config.SourceType.Name}).");
        }

        configure(new ObjectTypeBuilder<TSource>(config));
        return this;
    }

    public SchemaBuilder Object(string name, Action<ObjectTypeBuilder<object?>> configure) => Object<object?>(name, configure);

    public SchemaBuilder Interface(string name, Action<InterfaceTypeBuilder> configure)
    {
        var config = Register(name, () => new ComplexTypeConfig(name, isInterface: true, typeof(object)));
        if (!config.IsInterface)
        {
            throw new SchemaException($"Type {name} is already declared as an object type.");
        }

        configure(new InterfaceTypeBuilder(config));
        return this;
    }

    public SchemaBuilder Union(string name, Action<UnionTypeBuilder> configure)
    {
        configure(Register(name, () => new UnionTypeBuilder(name)));
        return this;
    }

    public SchemaBuilder InputObject(string name, Action<InputObjectTypeBuilder> configure)
    {
        configure(Register(name, () => new InputObjectTypeBuilder(name)));
        return this;
    }

    public SchemaBuilder Enum(string name, Action<EnumTypeBuilder> configure)
    {
        configure(Register(name, () => new EnumTypeBuilder(name)));
        return this;
    }

    /// <summary>
    /// An enum from a CLR enum: <c>DoorState.OutOfOrder</c> becomes <c>OUT_OF_ORDER</c>, and
    /// resolvers return and receive the CLR members. The GraphQL name defaults to the CLR name.
    /// </summary>
    public SchemaBuilder Enum<TEnum>(string? name = null, Action<EnumTypeBuilder>? configure = null)
        where TEnum : struct, System.Enum
    {
        var builder = Register(name ?? typeof(TEnum).Name, () => new EnumTypeBuilder(name ?? typeof(TEnum).Name));
        foreach (var value in System.Enum.GetValues<TEnum>())
        {
            builder.Value(ToEnumName(value.ToString()), value);
        }

        configure?.Invoke(builder);
        return this;
    }

    /// <summary>Adds a custom scalar (DateTime, Long and Decimal are added automatically when referenced).</summary>
    public SchemaBuilder Scalar(ScalarType scalar)
    {
        Register<ScalarType>(scalar.Name, () => scalar);
        return this;
    }

    public SchemaBuilder Directive(string name, Action<DirectiveBuilder> configure)
    {
        var builder = new DirectiveBuilder(name);
        configure(builder);
        _directives.Add(builder);
        return this;
    }

    private T Register<T>(string name, Func<T> create)
        where T : class
    {
        if (_types.TryGetValue(name, out var existing))
        {
            return existing as T ?? throw new SchemaException($"Type {name} is already declared as another kind of type.");
        }

        var created = create();
        _types.Add(name, created);
        _order.Add(name);
        return created;
    }

    internal static string ToEnumName(string clrName)
    {
        var builder = new StringBuilder(clrName.Length + 4);
        for (var i = 0; i < clrName.Length; i++)
        {
            var c = clrName[i];
            if (i > 0 && char.IsUpper(c) && (char.IsLower(clrName[i - 1]) || (i + 1 < clrName.Length && char.IsLower(clrName[i + 1]))))
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(c));
        }

        return builder.ToString();
    }
}
