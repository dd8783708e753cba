using System.Text;
using System.Text.Json;

namespace Cabinets.GraphQL.Execution;

/// <summary>
/// The response (spec 7.1). <see cref="Executed"/> tells the HTTP layer whether execution started:
/// false means a request error (syntax, validation, variables, limits) and no <c>data</c> entry,
/// which GraphQL-over-HTTP answers with a 4xx status for <c>application/graphql-response+json</c>.
/// </summary>
public sealed class ExecutionResult
{
    private readonly ResultNode? _data;

    private ExecutionResult(bool executed, ResultNode? data, IReadOnlyList<GraphQLError> errors)
    {
        Executed = executed;
        _data = data;
        Errors = errors;
    }

    public bool Executed { get; }

    public IReadOnlyList<GraphQLError> Errors { get; }

    /// <summary>Whether <c>data</c> is present and null (execution ran but a non-null root field failed).</summary>
    public bool DataIsNull => Executed && _data is null;

    /// <summary><c>data</c> as nested ordered dictionaries and arrays (null when absent or null).</summary>
    public IReadOnlyDictionary<string, object?>? Data => _data is null ? null : (IReadOnlyDictionary<string, object?>)ResultWriter.ToObject(_data)!;

    internal static ExecutionResult RequestError(IReadOnlyList<GraphQLError> errors) => new(false, null, errors);

    internal static ExecutionResult RequestError(GraphQLError error) => new(false, null, [error]);

    internal static ExecutionResult Completed(ResultNode? data, IReadOnlyList<GraphQLError> errors) => new(true, data, errors);

    /// <summary>Writes <c>{"data":…,"errors":[…]}</c>; <c>data</c> is omitted for request errors, <c>errors</c> when empty.</summary>
    public void WriteTo(Utf8JsonWriter writer) => ResultWriter.Write(writer, Executed, _data, Errors);

    public string ToJson(bool indented = false)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, SkipValidation = true, Encoder = ResultWriter.Encoder }))
        {
            WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    public override string ToString() => ToJson();
}
