namespace Cabinets.GraphQL.Tests.Execution;

public sealed class SmokeTests
{
    [Fact]
    public async Task a_simple_query_returns_data_in_selection_order()
    {
        var result = await TestSchema.Run("{ cabinets { serialNumber city doors { number state } } }");

        result.ToJson().ShouldBe("""{"data":{"cabinets":[{"serialNumber":"C-001","city":"Shanghai","doors":[{"number":1,"state":"CLOSED"},{"number":2,"state":"OPEN"}]},{"serialNumber":"C-002","city":"Beijing","doors":[{"number":1,"state":"OUT_OF_ORDER"}]}]}}""");
    }

    [Fact]
    public void the_test_schema_prints()
    {
        var sdl = TestSchema.Build().ToSdl();
        sdl.ShouldContain("type Cabinet implements Node {");
    }
}
