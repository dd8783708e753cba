using System.Net;
using System.Text;

namespace Cabinets.Api.Tests.GraphQL;

public sealed class GraphQLEndpointTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task anonymous_callers_get_typename_but_every_field_is_forbidden_with_its_path()
    {
        using var http = api.Http();
        (await http.PostGraphQLAsync("{ __typename }")).Data.GetProperty("__typename").GetString().ShouldBe("Query");

        var denied = await http.PostGraphQLAsync("{ freeDoorCount }");
        denied.Status.ShouldBe(200);
        var error = denied.Errors.Single();
        error.GetProperty("extensions").GetProperty("code").GetString().ShouldBe("FORBIDDEN");
        error.GetProperty("path")[0].GetString().ShouldBe("freeDoorCount");
        error.GetProperty("locations")[0].GetProperty("line").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task a_syntax_error_is_400_without_data_for_graphql_response_json_and_200_for_plain_json()
    {
        using var http = await api.AdminAsync();
        var modern = await http.PostGraphQLAsync("{ freeDoorCount ");
        modern.Status.ShouldBe(400);
        modern.ContentType.ShouldBe("application/graphql-response+json");
        modern.Body.TryGetProperty("data", out _).ShouldBeFalse();
        modern.Errors.Single().GetProperty("locations")[0].GetProperty("column").GetInt32().ShouldBe(17);

        var legacy = await http.PostGraphQLAsync("{ freeDoorCount ", accept: "application/json");
        legacy.Status.ShouldBe(200);
        legacy.ContentType.ShouldBe("application/json");
    }

    [Fact]
    public async Task get_runs_queries_and_refuses_mutations_with_405_and_allow_post()
    {
        using var http = await api.AdminAsync();
        var query = await GraphQLClient.SendAsync(http, new HttpRequestMessage(HttpMethod.Get, "/graphql?query=%7B__typename%7D"));
        query.Status.ShouldBe(200);

        using var mutation = new HttpRequestMessage(HttpMethod.Get,
            "/graphql?query=" + Uri.EscapeDataString("mutation { provisionCabinet(input: {serialNumber: \"X\", site: {province: \"a\", city: \"b\", area: \"c\", street: \"d\", place: \"e\", communityName: \"f\"}}) { serialNumber } }"));
        using var response = await http.SendAsync(mutation);
        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.ShouldContain("POST");
    }

    [Fact]
    public async Task a_post_that_is_not_json_is_415_and_broken_json_is_400()
    {
        using var http = api.Http();
        (await http.PostAsync("/graphql", new StringContent("{ __typename }", Encoding.UTF8, "application/graphql"))).StatusCode
            .ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await http.PostAsync("/graphql", new StringContent("{\"query\":", Encoding.UTF8, "application/json"))).StatusCode
            .ShouldBe(HttpStatusCode.BadRequest);
        (await http.PostAsync("/graphql", new StringContent("{\"query\": 1}", Encoding.UTF8, "application/json"))).StatusCode
            .ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task answers_are_plain_utf8_json_without_needless_escapes()
    {
        using var http = api.Http();
        using var response = await http.PostAsync("/graphql", new StringContent("{\"query\": \"\"}", Encoding.UTF8, "application/json"));

        (await response.Content.ReadAsStringAsync()).ShouldContain("the 'query' parameter");
    }

    [Fact]
    public async Task a_browser_gets_the_query_page()
    {
        using var http = api.Http();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await http.SendAsync(request);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var html = await response.Content.ReadAsStringAsync();

        // GraphiQL from the npm packages the build embeds, served by us: no CDN (ADR-0009).
        html.ShouldContain("src=\"/graphql/ui/graphiql.js\"");
        html.ShouldNotContain("https://");
        using var bundle = await http.GetAsync("/graphql/ui/graphiql.js");
        bundle.StatusCode.ShouldBe(HttpStatusCode.OK);
        bundle.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        (await bundle.Content.ReadAsByteArrayAsync()).Length.ShouldBeGreaterThan(100_000);
        (await http.GetAsync("/graphql/ui/secrets.json")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
