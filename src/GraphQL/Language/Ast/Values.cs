namespace Cabinets.GraphQL.Language.Ast;

/// <summary>A literal or variable in a document. Int and Float keep their source text: the type decides the range.</summary>
public abstract record ValueNode(Location Location) : SyntaxNode(Location);

public sealed record VariableNode(Location Location, NameNode Name) : ValueNode(Location);

public sealed record IntValueNode(Location Location, string Value) : ValueNode(Location);

public sealed record FloatValueNode(Location Location, string Value) : ValueNode(Location);

/// <summary><see cref="Value"/> is the cooked value (escapes resolved, block indentation removed).</summary>
public sealed record StringValueNode(Location Location, string Value, bool Block = false) : ValueNode(Location);

public sealed record BooleanValueNode(Location Location, bool Value) : ValueNode(Location);

public sealed record NullValueNode(Location Location) : ValueNode(Location);

public sealed record EnumValueNode(Location Location, string Value) : ValueNode(Location);

public sealed record ListValueNode(Location Location, IReadOnlyList<ValueNode> Values) : ValueNode(Location);

public sealed record ObjectValueNode(Location Location, IReadOnlyList<ObjectFieldNode> Fields) : ValueNode(Location);

public sealed record ObjectFieldNode(Location Location, NameNode Name, ValueNode Value) : SyntaxNode(Location);
