using NpgsqlTypes;

namespace Cabinets.Api.GraphQL.Connections;

/// <summary>How a column's values look in GraphQL and in PostgreSQL; picks the operation filter input (ADR-0010).</summary>
internal enum ColumnType
{
    String,
    Int,
    Long,
    Boolean,
    DateTime,
    Enum,

    /// <summary>An opaque identifier stored as text: HotChocolate's <c>IdOperationFilterInput</c> (eq, neq, in, nin).</summary>
    Id,
}

/// <summary>A GraphQL enum stored as text: <c>DoorSize.Large</c> is <c>'L'</c> in <c>rm.doors.size</c>.</summary>
internal sealed record EnumColumn(string GraphQLType, Func<object, string> ToSql, NpgsqlDbType DbType = NpgsqlDbType.Text);

/// <summary>
/// One read-model column as a list exposes it: the GraphQL field name clients filter and sort by,
/// and the SQL column it stands for. Names never come from the request, only from here, so the
/// SQL text of a list is always one of a finite set of shapes (no injection through names).
/// </summary>
internal sealed record ConnectionColumn(string Field, string Sql, ColumnType Type)
{
    public bool Nullable { get; init; }

    public bool Filterable { get; init; } = true;

    public bool Sortable { get; init; } = true;

    public EnumColumn? Enum { get; init; }

    public string GraphQLType => Type switch
    {
        ColumnType.String => "String",
        ColumnType.Int => "Int",
        ColumnType.Long => "Long",
        ColumnType.Boolean => "Boolean",
        ColumnType.DateTime => "DateTime",
        ColumnType.Id => "ID",
        _ => Enum!.GraphQLType,
    };

    /// <summary>HotChocolate's names: <c>StringOperationFilterInput</c>, <c>DoorSizeOperationFilterInput</c>…</summary>
    public string FilterInputType => (Type == ColumnType.Id ? "Id" : GraphQLType) + "OperationFilterInput";

    public NpgsqlDbType DbType => Type switch
    {
        ColumnType.String or ColumnType.Id => NpgsqlDbType.Text,
        ColumnType.Int => NpgsqlDbType.Integer,
        ColumnType.Long => NpgsqlDbType.Bigint,
        ColumnType.Boolean => NpgsqlDbType.Boolean,
        ColumnType.DateTime => NpgsqlDbType.TimestampTz,
        _ => Enum!.DbType,
    };

    /// <summary>A coerced GraphQL input value as the parameter value PostgreSQL compares with the column.</summary>
    public object ToDb(object value) => Type switch
    {
        ColumnType.Int => Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture),
        ColumnType.Long => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
        ColumnType.DateTime => value is DateTimeOffset d ? d.UtcDateTime : value,
        ColumnType.Enum => Enum!.ToSql(value),
        ColumnType.Id => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
        _ => value,
    };
}
