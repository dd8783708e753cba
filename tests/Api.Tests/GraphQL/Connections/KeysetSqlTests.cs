using Cabinets.Api.GraphQL.Connections;
using Cabinets.Api.Lockers.GraphQL;
using Cabinets.GraphQL;

namespace Cabinets.Api.Tests.GraphQL.Connections;

/// <summary>Orders, cursors and keyset conditions on their own (no database).</summary>
public sealed class KeysetSqlTests
{
    private static Dictionary<string, object?> Sort(string field, SortEnumType direction) => new() { [field] = direction };

    private static IReadOnlyList<SortKey> Order(params Dictionary<string, object?>[] order) => Ordering.From(CabinetList.Table, order);

    [Fact]
    public void every_order_ends_with_the_unique_key_and_nothing_after_it()
    {
        Ordering.Fingerprint(CabinetList.Table, Order()).ShouldBe("Cabinets:+serialNumber");
        Ordering.Fingerprint(CabinetList.Table, Order(Sort("city", SortEnumType.Desc), Sort("city", SortEnumType.Asc)))
            .ShouldBe("Cabinets:-city,-serialNumber");
        Ordering.Fingerprint(CabinetList.Table, Order(Sort("serialNumber", SortEnumType.Desc), Sort("city", SortEnumType.Asc)))
            .ShouldBe("Cabinets:-serialNumber");
        Ordering.Fingerprint(DoorList.Table, Ordering.From(DoorList.Table, [Sort("size", SortEnumType.Asc)]))
            .ShouldBe("Doors:+size,+serialNumber,+number");
    }

    [Fact]
    public void a_sort_object_naming_two_fields_is_refused_because_its_field_order_is_lost()
    {
        var error = Should.Throw<GraphQLException>(() => Order(Sort("city", SortEnumType.Asc), new() { ["city"] = SortEnumType.Asc, ["place"] = SortEnumType.Desc })).Error;

        error.Code.ShouldBe(ErrorCodes.BadUserInput);
        error.Extensions!["argumentPath"].ShouldBe(new object[] { "order", 1 });
    }

    [Fact]
    public void one_direction_over_non_null_keys_is_a_row_comparison()
    {
        var order = Order(Sort("city", SortEnumType.Desc));

        Keyset.After(order, ["$1", "$2"]).ShouldBe("(city, serial_number) < ($1, $2)");
        Keyset.After(Ordering.Reverse(order), ["$1", "$2"], orEqual: true).ShouldBe("(city, serial_number) >= ($1, $2)");
        Keyset.After(Order(), ["$1"]).ShouldBe("serial_number > $1");
    }

    [Fact]
    public void mixed_directions_are_an_or_chain_led_by_a_bound_on_the_first_key()
    {
        var order = Order(Sort("city", SortEnumType.Asc), Sort("updatedAt", SortEnumType.Desc));

        Keyset.After(order, ["$1", "$2", "$3"]).ShouldBe(
            "(city >= $1 and (city > $1 or (city = $1 and updated_at < $2) or (city = $1 and updated_at = $2 and serial_number < $3)))");
    }

    [Fact]
    public void a_nullable_key_sorts_null_as_the_largest_value()
    {
        var ascending = Order(Sort("type", SortEnumType.Asc));
        Keyset.After(ascending, ["$1", "$2"]).ShouldBe(
            "((type > $1 or type is null) or ((type = $1 and type is not null) and serial_number > $2))");
        Keyset.After(ascending, [null, "$1"]).ShouldBe("(false or (type is null and serial_number > $1))");

        var descending = Order(Sort("type", SortEnumType.Desc));
        Keyset.After(descending, [null, "$1"]).ShouldBe("(type is not null or (type is null and serial_number < $1))");
    }

    [Fact]
    public void a_cursor_carries_the_order_and_the_key_values_exactly()
    {
        var order = Order(Sort("updatedAt", SortEnumType.Desc), Sort("type", SortEnumType.Asc));
        var fingerprint = Ordering.Fingerprint(CabinetList.Table, order);
        var at = new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1230); // PostgreSQL keeps microseconds

        var cursor = Cursor.Encode(fingerprint, [at, null, "SN-1"]);

        cursor.ShouldNotContain("+");
        cursor.ShouldNotContain("/");
        Cursor.Decode(cursor, fingerprint, order, "after").ShouldBe([at, null, "SN-1"]);
    }

    [Theory]
    [InlineData("not a cursor", "is not a cursor of this list")]
    [InlineData("WyJDYWJpbmV0czorc2VyaWFsTnVtYmVyIiw0Ml0", "is not a cursor of this list")] // ["Cabinets:+serialNumber",42]
    [InlineData("WyJDYWJpbmV0czotY2l0eSIsIngiLCJ5Il0", "was made for another list or order")] // ["Cabinets:-city","x","y"]
    public void a_bad_cursor_is_bad_user_input_naming_the_argument(string cursor, string message)
    {
        var order = Order();

        var error = Should.Throw<GraphQLException>(() => Cursor.Decode(cursor, Ordering.Fingerprint(CabinetList.Table, order), order, "before")).Error;

        error.Code.ShouldBe(ErrorCodes.BadUserInput);
        error.Message.ShouldContain(message);
        error.Message.ShouldContain("\"before\"");
        error.Extensions!["argumentPath"].ShouldBe(new object[] { "before" });
    }

    [Fact]
    public void last_reads_backwards_and_the_other_side_and_total_share_the_page_statement()
    {
        var order = Order(Sort("city", SortEnumType.Asc));
        var before = new object?[] { "深圳市", "SN-9" };

        var statement = PageStatement.Build(CabinetList.Table, new PageArgs(5, Backward: true, After: null, Before: before), order, null, withTotal: true);

        statement.Sql.ShouldStartWith("select p.*, o.* from (select exists (select 1 from rm.cabinets where (city, serial_number) >= ($1, $2)) as other_side, " +
                                      "(select count(*) from rm.cabinets)::int as total_count) o left join lateral (select ");
        statement.Sql.ShouldContain(" from rm.cabinets where (city, serial_number) < ($1, $2) order by city desc, serial_number desc limit $3) p on true");
        statement.Sql.ShouldEndWith("order by p.k0 desc, p.k1 desc");
        statement.Parameters.Select(p => p.Value).ShouldBe(["深圳市", "SN-9", 6]);
    }
}
