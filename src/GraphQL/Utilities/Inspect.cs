using System.Collections;
using System.Globalization;
using Cabinets.GraphQL.Language.Ast;

namespace Cabinets.GraphQL.Utilities;

/// <summary>graphql-js <c>inspect</c>, for error messages that read like graphql-js's.</summary>
internal static class Inspect
{
    private const int MaxItems = 10;
    private const int MaxDepth = 2;

    public static string Value(object? value) => Format(value, 0);

    private static string Format(object? value, int depth) => value switch
    {
        null => "null",
        string s => Language.Printer.PrintString(s).Replace("\\u007F", "\u007f", StringComparison.Ordinal),
        bool b => b ? "true" : "false",
        ValueNode node => Language.Printer.Print(node),
        int or long or short or byte or uint or ulong => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        decimal m => m.ToString("G29", CultureInfo.InvariantCulture),
        double or float => JsNumber.Format(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
        IReadOnlyDictionary<string, object?> map => FormatObject(map, depth),
        IList list => FormatList(list, depth),
        System.Enum e => e.ToString(),
        _ => value.GetType().Name,
    };

    private static string FormatObject(IReadOnlyDictionary<string, object?> map, int depth)
    {
        if (map.Count == 0)
        {
            return "{}";
        }

        if (depth >= MaxDepth)
        {
            return "[Object]";
        }

        return "{ " + string.Join(", ", map.Select(p => $"{p.Key}: {Format(p.Value, depth + 1)}")) + " }";
    }

    private static string FormatList(IList list, int depth)
    {
        if (list.Count == 0)
        {
            return "[]";
        }

        if (depth >= MaxDepth)
        {
            return "[Array]";
        }

        var items = list.Cast<object?>().Take(MaxItems).Select(item => Format(item, depth + 1)).ToList();
        var remaining = list.Count - MaxItems;
        if (remaining == 1)
        {
            items.Add("... 1 more item");
        }
        else if (remaining > 1)
        {
            items.Add($"... {remaining} more items");
        }

        return "[" + string.Join(", ", items) + "]";
    }
}
