using System.Text;
using Cabinets.GraphQL.Language.Ast;

namespace Cabinets.GraphQL.Language;

/// <summary>Prints values and type references exactly as graphql-js <c>print</c> does.</summary>
public static class Printer
{
    public static string Print(SyntaxNode node)
    {
        var builder = new StringBuilder();
        Print(node, builder);
        return builder.ToString();
    }

    private static void Print(SyntaxNode node, StringBuilder builder)
    {
        switch (node)
        {
            case VariableNode v:
                builder.Append('$').Append(v.Name.Value);
                break;
            case IntValueNode i:
                builder.Append(i.Value);
                break;
            case FloatValueNode f:
                builder.Append(f.Value);
                break;
            case StringValueNode s:
                builder.Append(s.Block ? BlockString.Print(s.Value) : PrintString(s.Value));
                break;
            case BooleanValueNode b:
                builder.Append(b.Value ? "true" : "false");
                break;
            case NullValueNode:
                builder.Append("null");
                break;
            case EnumValueNode e:
                builder.Append(e.Value);
                break;
            case ListValueNode list:
                builder.Append('[');
                Join(list.Values, builder);
                builder.Append(']');
                break;
            case ObjectValueNode obj:
                builder.Append('{');
                Join(obj.Fields, builder);
                builder.Append('}');
                break;
            case ObjectFieldNode field:
                builder.Append(field.Name.Value).Append(": ");
                Print(field.Value, builder);
                break;
            case TypeNode or NameNode:
                builder.Append(node);
                break;
            default:
                throw new NotSupportedException($"Printing {node.GetType().Name} is not supported.");
        }
    }

    private static void Join(IEnumerable<SyntaxNode> nodes, StringBuilder builder)
    {
        var first = true;
        foreach (var node in nodes)
        {
            if (!first)
            {
                builder.Append(", ");
            }

            Print(node, builder);
            first = false;
        }
    }

    /// <summary>graphql-js <c>printString</c>: JSON-like quoting, control characters as <c>\uXXXX</c>.</summary>
    public static string PrintString(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case < ' ' or (>= '\u007F' and <= '\u009F'):
                    builder.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.Append('"').ToString();
    }
}
