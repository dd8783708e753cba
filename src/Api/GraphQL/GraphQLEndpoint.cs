using System.Text.Encodings.Web;
using System.Text.Json;
using Cabinets.GraphQL;
using Cabinets.GraphQL.Execution;
using Cabinets.GraphQL.Language;
using Cabinets.GraphQL.Language.Ast;
using Microsoft.Net.Http.Headers;

namespace Cabinets.Api.GraphQL;

/// <summary>
/// GraphQL over HTTP (the GraphQL-over-HTTP draft): POST with `application/json`, GET for queries
/// only (405 for mutations), answers in `application/graphql-response+json` — or `application/json`
/// when that is all the client accepts, where request errors keep status 200 (ADR-0009).
/// </summary>
internal static class GraphQLEndpoint
{
    public const string GraphQLResponse = "application/graphql-response+json";
    public const string Json = "application/json";

    public static IEndpointRouteBuilder MapGraphQL(this IEndpointRouteBuilder app)
    {
        app.MapPost("/graphql", PostAsync).AllowAnonymous();
        app.MapGet("/graphql", GetAsync).AllowAnonymous();
        app.MapGraphiQLAssets();
        return app;
    }

    private static async Task PostAsync(HttpContext http, GraphQLModule graphql)
    {
        if (ResponseType(http.Request) is not { } responseType)
        {
            await Fail(http, StatusCodes.Status406NotAcceptable, Json, $"accept {GraphQLResponse} or {Json}");
            return;
        }
        if (!IsJson(http.Request.ContentType))
        {
            await Fail(http, StatusCodes.Status415UnsupportedMediaType, responseType, $"a POST body must be {Json}");
            return;
        }
        JsonElement body;
        try
        {
            body = (await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted)).RootElement;
        }
        catch (JsonException)
        {
            await Fail(http, StatusCodes.Status400BadRequest, responseType, "the body is not valid JSON");
            return;
        }
        var (request, error) = GraphQLHttpRequest.FromJson(body);
        if (request is null) await Fail(http, StatusCodes.Status400BadRequest, responseType, error!);
        else await ExecuteAsync(http, graphql, request, responseType);
    }

    private static async Task GetAsync(HttpContext http, GraphQLModule graphql)
    {
        if (!http.Request.Query.ContainsKey("query") && AcceptsHtml(http.Request))
        {
            await GraphiQLPage.WriteAsync(http);
            return;
        }
        if (ResponseType(http.Request) is not { } responseType)
        {
            await Fail(http, StatusCodes.Status406NotAcceptable, Json, $"accept {GraphQLResponse} or {Json}");
            return;
        }
        var (request, error) = GraphQLHttpRequest.FromQueryString(http.Request.Query);
        if (request is null)
        {
            await Fail(http, StatusCodes.Status400BadRequest, responseType, error!);
            return;
        }
        if (IsMutation(request))
        {
            http.Response.Headers.Allow = "POST";
            await Fail(http, StatusCodes.Status405MethodNotAllowed, responseType, "mutations need POST");
            return;
        }
        await ExecuteAsync(http, graphql, request, responseType);
    }

    private static async Task ExecuteAsync(HttpContext http, GraphQLModule graphql, GraphQLHttpRequest request, string responseType)
    {
        var context = new GraphQLRequestContext(http.User, http.RequestServices, http.TraceIdentifier);
        var result = await graphql.ExecutorFor(context).ExecuteAsync(new ExecutionRequest
        {
            Query = request.Query,
            OperationName = request.OperationName,
            VariablesJson = request.Variables,
            Context = context,
            CancellationToken = http.RequestAborted,
        }, http.RequestAborted);
        // A request error (nothing executed) is 4xx for graphql-response+json, 200 for legacy json.
        var status = !result.Executed && responseType == GraphQLResponse ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
        await Write(http, status, responseType, result.WriteTo);
    }

    // As ExecutionResult.ToJson writes: UTF-8 as is (a Chinese place name is 3 bytes a character,
    // not a 6-byte \uXXXX), and quotes and '+' readable. The body is JSON, never embedded in HTML.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        SkipValidation = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static Task Fail(HttpContext http, int status, string responseType, string message) =>
        Write(http, status, responseType, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("errors");
            w.WriteStartObject();
            w.WriteString("message", message);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        });

    private static async Task Write(HttpContext http, int status, string responseType, Action<Utf8JsonWriter> write)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = responseType + "; charset=utf-8";
        await using (var writer = new Utf8JsonWriter(http.Response.BodyWriter, WriterOptions))
        {
            write(writer);
        }
        await http.Response.BodyWriter.FlushAsync(http.RequestAborted);
    }

    /// <summary>The media type to answer with, by the Accept header; null when none is acceptable.</summary>
    internal static string? ResponseType(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept.OfType<string>().ToList(), out var accepted) || accepted.Count == 0) return Json;
        var candidates = accepted.Where(a => a.Quality is not 0).OrderByDescending(a => a.Quality ?? 1).ToList();
        foreach (var a in candidates)
        {
            var type = a.MediaType.Value;
            if (string.Equals(type, GraphQLResponse, StringComparison.OrdinalIgnoreCase)) return GraphQLResponse;
            if (string.Equals(type, Json, StringComparison.OrdinalIgnoreCase) || type is "*/*" or "application/*") return Json;
        }
        return null;
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && string.Equals(parsed.MediaType.Value, Json, StringComparison.OrdinalIgnoreCase)
        && (parsed.Charset.Value is null || string.Equals(parsed.Charset.Value, "utf-8", StringComparison.OrdinalIgnoreCase));

    private static bool AcceptsHtml(HttpRequest request) => request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    /// <summary>GET may only run queries: find the operation that would run without executing anything.</summary>
    private static bool IsMutation(GraphQLHttpRequest request)
    {
        DocumentNode document;
        try
        {
            document = Parser.Parse(request.Query, ParserOptions.Default);
        }
        catch (GraphQLException)
        {
            return false; // the executor reports the syntax error
        }
        var operations = document.Definitions.OfType<OperationDefinitionNode>().ToList();
        var chosen = request.OperationName is null
            ? (operations.Count == 1 ? operations[0] : null)
            : operations.FirstOrDefault(o => o.Name?.Value == request.OperationName);
        return chosen is not null && chosen.Operation != OperationType.Query;
    }
}
