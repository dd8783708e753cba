using Cabinets.Api.Commands;
using Cabinets.GraphQL;

namespace Cabinets.Api.GraphQL;

/// <summary>Command outcomes as GraphQL errors: the executor adds path and locations; the code is the domain's.</summary>
internal static class GraphQLCommandErrors
{
    public static void ThrowIfFailed(CommandOutcome result)
    {
        switch (result)
        {
            case CommandOutcome.Rejected r:
                throw Error(r.Error.Message, r.Error.Code, r.Error.Field is null ? null : [r.Error.Field]);
            case CommandOutcome.Invalid i:
                throw Error(string.Join("; ", i.Errors.Select(e => $"{e.Field}: {e.Message}")), ErrorCodes.BadUserInput,
                    i.Errors.Select(e => e.Field).Distinct().ToArray());
            case CommandOutcome.Conflict c:
                throw Error(c.Message, "CONCURRENCY_CONFLICT", null);
        }
    }

    private static GraphQLException Error(string message, string code, string[]? fields) =>
        new(new GraphQLError(message, code: code, extensions: fields is null ? null : new Dictionary<string, object?> { ["fields"] = fields }));
}
