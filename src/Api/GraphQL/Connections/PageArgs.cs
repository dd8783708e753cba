namespace Cabinets.Api.GraphQL.Connections;

/// <summary>
/// The Relay paging arguments, checked: a page of <see cref="Size"/> rows after <see cref="After"/>
/// and before <see cref="Before"/> (cursor key values), read from the end when <see cref="Backward"/>.
/// </summary>
internal sealed record PageArgs(int Size, bool Backward, object?[]? After, object?[]? Before)
{
    public const int DefaultSize = 20;
    public const int MaxSize = 100;

    public static PageArgs From(IReadOnlyDictionary<string, object?> arguments, IReadOnlyList<SortKey> order, string fingerprint)
    {
        var first = Checked(arguments, "first");
        var last = Checked(arguments, "last");
        if (first is not null && last is not null)
            throw ConnectionErrors.BadInput("Pass either \"first\" or \"last\", not both.", "last");
        return new PageArgs(first ?? last ?? DefaultSize, last is not null,
            Decode(arguments, "after", order, fingerprint), Decode(arguments, "before", order, fingerprint));
    }

    private static int? Checked(IReadOnlyDictionary<string, object?> arguments, string name)
    {
        if (arguments.GetValueOrDefault(name) is not { } value) return null;
        var size = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
        return size is >= 0 and <= MaxSize
            ? size
            : throw ConnectionErrors.BadInput($"\"{name}\" must be between 0 and {MaxSize}; ask for the next page with a cursor.", name);
    }

    private static object?[]? Decode(IReadOnlyDictionary<string, object?> arguments, string name, IReadOnlyList<SortKey> order, string fingerprint) =>
        arguments.GetValueOrDefault(name) is string cursor ? Cursor.Decode(cursor, fingerprint, order, name) : null;
}
