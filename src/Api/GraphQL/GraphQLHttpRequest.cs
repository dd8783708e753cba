using System.Text.Json;

namespace Cabinets.Api.GraphQL;

/// <summary>A GraphQL-over-HTTP request's parameters, read from a JSON body or a GET query string.</summary>
internal sealed record GraphQLHttpRequest(string Query, string? OperationName, JsonElement? Variables)
{
    /// <summary>Reads and checks the parameters; the error names the one that is wrong.</summary>
    public static (GraphQLHttpRequest? Request, string? Error) FromJson(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object) return (null, "the body must be a JSON object");
        if (!body.TryGetProperty("query", out var query) || query.ValueKind != JsonValueKind.String || query.GetString()!.Length == 0)
            return (null, "the 'query' parameter must be a non-empty string");
        string? operationName = null;
        if (body.TryGetProperty("operationName", out var op) && op.ValueKind != JsonValueKind.Null)
        {
            if (op.ValueKind != JsonValueKind.String) return (null, "the 'operationName' parameter must be a string");
            operationName = op.GetString();
        }
        JsonElement? variables = null;
        if (body.TryGetProperty("variables", out var vars) && vars.ValueKind != JsonValueKind.Null)
        {
            if (vars.ValueKind != JsonValueKind.Object) return (null, "the 'variables' parameter must be a map");
            variables = vars;
        }
        if (body.TryGetProperty("extensions", out var ext) && ext.ValueKind is not (JsonValueKind.Null or JsonValueKind.Object))
            return (null, "the 'extensions' parameter must be a map");
        return (new GraphQLHttpRequest(query.GetString()!, operationName, variables), null);
    }

    public static (GraphQLHttpRequest? Request, string? Error) FromQueryString(IQueryCollection q)
    {
        if (q["query"].ToString() is not { Length: > 0 } query) return (null, "the 'query' parameter must be a non-empty string");
        JsonElement? variables = null;
        if (q["variables"].ToString() is { Length: > 0 } text)
        {
            try
            {
                var parsed = JsonDocument.Parse(text).RootElement;
                if (parsed.ValueKind == JsonValueKind.Object) variables = parsed;
                else if (parsed.ValueKind != JsonValueKind.Null) return (null, "the 'variables' parameter must be a map");
            }
            catch (JsonException)
            {
                return (null, "the 'variables' parameter is not JSON");
            }
        }
        if (q["extensions"].ToString() is { Length: > 0 } ext)
        {
            try
            {
                if (JsonDocument.Parse(ext).RootElement.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
                    return (null, "the 'extensions' parameter must be a map");
            }
            catch (JsonException)
            {
                return (null, "the 'extensions' parameter is not JSON");
            }
        }
        var operationName = q["operationName"].ToString();
        return (new GraphQLHttpRequest(query, operationName.Length > 0 ? operationName : null, variables), null);
    }
}
