using Cabinets.Api.GraphQL.Connections;
using Cabinets.Api.Lockers.GraphQL;
using Cabinets.GraphQL;

namespace Cabinets.Api.Tests.GraphQL.Connections;

/// <summary>The where-to-SQL translation on its own (no database): shapes and parameters.</summary>
public sealed class FilterSqlTests
{
    private static Dictionary<string, object?> Obj(params (string Key, object? Value)[] fields) => fields.ToDictionary(f => f.Key, f => f.Value);

    private static (string Sql, object?[] Values) Where(Dictionary<string, object?> filter)
    {
        var parameters = new SqlParameters();
        var sql = new FilterSql(CabinetList.Table, parameters).Where(filter);
        return (sql, parameters.All.Select(p => p.Value).ToArray());
    }

    [Fact]
    public void a_client_value_is_a_parameter_never_sql_text()
    {
        var (sql, values) = Where(Obj(("place", Obj(("eq", "x'; drop table rm.cabinets; --")))));

        sql.ShouldBe("place = $1");
        values.ShouldBe(["x'; drop table rm.cabinets; --"]);
    }

    [Fact]
    public void contains_starts_and_ends_with_take_like_wildcards_literally()
    {
        var (sql, values) = Where(Obj(("place", Obj(("contains", @"50%_\off"), ("startsWith", "a_"), ("nendsWith", "%")))));

        sql.ShouldBe("(place like $1 and place like $2 and not (place like $3))");
        values.ShouldBe([@"%50\%\_\\off%", @"a\_%", @"%\%"]);
    }

    [Fact]
    public void negations_are_complements_so_null_matches_them_on_a_nullable_column()
    {
        Where(Obj(("type", Obj(("neq", "快递柜"))))).Sql.ShouldBe("(type is null or not (type = $1))");
        Where(Obj(("type", Obj(("ncontains", "快"))))).Sql.ShouldBe("(type is null or not (type like $1))");
        Where(Obj(("city", Obj(("neq", "深圳市"))))).Sql.ShouldBe("not (city = $1)");
        Where(Obj(("type", Obj(("eq", null))))).Sql.ShouldBe("type is null");
        Where(Obj(("type", Obj(("neq", null))))).Sql.ShouldBe("not (type is null)");
    }

    [Fact]
    public void in_lists_are_one_array_parameter_and_a_null_item_matches_null()
    {
        var (sql, values) = Where(Obj(("type", Obj(("in", new object?[] { "快递柜", null, "餐饮柜" })))));
        sql.ShouldBe("(type = any($1) or type is null)");
        values.Single().ShouldBe(new[] { "快递柜", "餐饮柜" });

        Where(Obj(("type", Obj(("nin", new object?[] { "快递柜", null }))))).Sql.ShouldBe("not ((type = any($1) or type is null))");
        Where(Obj(("city", Obj(("in", Array.Empty<object?>()))))).Sql.ShouldBe("false");
    }

    [Fact]
    public void and_or_nest_and_empty_ones_add_no_condition()
    {
        var filter = Obj(
            ("or", new object?[] { Obj(("city", Obj(("eq", "深圳市")))), Obj(("and", new object?[] { Obj(("province", Obj(("eq", "浙江省")))), Obj(("registered", Obj(("eq", false)))) })) }),
            ("and", Array.Empty<object?>()),
            ("updatedAt", Obj(("gte", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(8))))));

        var (sql, values) = Where(filter);

        sql.ShouldBe("((city = $1 or (province = $2 and registered = $3)) and updated_at >= $4)");
        values[3].ShouldBe(new DateTime(2026, 1, 1, 19, 4, 5, DateTimeKind.Utc));
        Where(Obj(("or", Array.Empty<object?>()), ("city", Obj()))).Sql.ShouldBe("true");
    }

    [Fact]
    public void enum_values_become_their_stored_codes()
    {
        var parameters = new SqlParameters();
        var sizes = new object?[] { Domain.Lockers.Cabinets.DoorSize.Large, Domain.Lockers.Cabinets.DoorSize.Small };
        var sql = new FilterSql(DoorList.Table, parameters).Where(Obj(("size", Obj(("in", sizes)))));

        sql.ShouldBe("size = any($1)");
        parameters.All.Single().Value.ShouldBe(new[] { "L", "S" });
        parameters.All.Single().NpgsqlDbType.ShouldBe(NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Char);
    }

    [Fact]
    public void a_null_operand_and_too_many_conditions_are_bad_user_input_with_the_argument_path()
    {
        var nullOperand = Should.Throw<GraphQLException>(() => Where(Obj(("or", new object?[] { Obj(), Obj(("city", Obj(("contains", null)))) })))).Error;
        nullOperand.Code.ShouldBe(ErrorCodes.BadUserInput);
        nullOperand.Extensions!["argumentPath"].ShouldBe(new object[] { "where", "or", 1, "city", "contains" });

        var many = Enumerable.Range(0, FilterSql.MaxConditions + 1).Select(i => (object?)Obj(("city", Obj(("eq", $"c{i}"))))).ToArray();
        var tooMany = Should.Throw<GraphQLException>(() => Where(Obj(("or", many)))).Error;
        tooMany.Code.ShouldBe(ErrorCodes.BadUserInput);
        tooMany.Message.ShouldContain($"at most {FilterSql.MaxConditions} conditions");
    }
}
