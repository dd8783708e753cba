using Cabinets.GraphQL.Types;

namespace Cabinets.Api.GraphQL.Connections;

/// <summary>HotChocolate's operation filter inputs, one per column type; <see cref="FilterSql"/> translates each operation.</summary>
internal static class OperationFilterTypes
{
    public static void Add(SchemaBuilder schema, ConnectionColumn column)
    {
        var t = column.GraphQLType;
        schema.InputObject(column.FilterInputType, i =>
        {
            i.Field("eq", t).Field("neq", t);
            switch (column.Type)
            {
                case ColumnType.String:
                    i.Field("in", $"[{t}]").Field("nin", $"[{t}]");
                    foreach (var op in new[] { "contains", "ncontains", "startsWith", "nstartsWith", "endsWith", "nendsWith" }) i.Field(op, t);
                    break;
                case ColumnType.Int or ColumnType.Long or ColumnType.DateTime:
                    i.Field("in", $"[{t}]").Field("nin", $"[{t}]");
                    foreach (var op in new[] { "gt", "ngt", "gte", "ngte", "lt", "nlt", "lte", "nlte" }) i.Field(op, t);
                    break;
                case ColumnType.Enum or ColumnType.Id:
                    i.Field("in", $"[{t}!]").Field("nin", $"[{t}!]");
                    break;
            }
        });
    }
}
