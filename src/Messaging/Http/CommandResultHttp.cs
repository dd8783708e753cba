using Cabinets.Messaging.Commands;
using Cabinets.Domain.Deciding;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Cabinets.Messaging.Http;

/// <summary>
/// Maps command outcomes to HTTP the same way for every endpoint (API-CONTRACT.md: RFC 9457
/// problem+json with a stable <c>type</c> per error and the offending field names). A duplicate
/// gets exactly what the first command got.
/// </summary>
public static class CommandResultHttp
{
    public const string ErrorTypePrefix = "urn:cabinets:error:";

    public static IResult ToHttpResult<TAnswer>(this CommandResult<TAnswer> result, Func<TAnswer, IResult> accepted,
        Func<DomainError, int>? statusOf = null) => result switch
    {
        CommandResult<TAnswer>.Accepted a => accepted(a.Answer),
        CommandResult<TAnswer>.Duplicate { Error: { } e } => Problem(e, statusOf),
        CommandResult<TAnswer>.Duplicate d => accepted(d.Answer!),
        CommandResult<TAnswer>.Rejected r => Problem(r.Error, statusOf),
        CommandResult<TAnswer>.Invalid i => Results.Problem(new ValidationProblemDetails(
            i.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()))
        {
            Type = ErrorTypePrefix + "validation",
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is invalid.",
        }),
        CommandResult<TAnswer>.Conflict => Results.Problem(new ProblemDetails
        {
            Type = ErrorTypePrefix + "concurrency",
            Status = StatusCodes.Status409Conflict,
            Title = "Too many concurrent changes; try again.",
        }),
        _ => throw new InvalidOperationException($"unknown command result {result.GetType().Name}"),
    };

    private static IResult Problem(DomainError error, Func<DomainError, int>? statusOf)
    {
        var problem = new ProblemDetails
        {
            Type = ErrorTypePrefix + error.Code,
            Status = statusOf?.Invoke(error) ?? StatusCodes.Status409Conflict,
            Title = error.Message,
        };
        problem.Extensions["code"] = error.Code;
        if (error.Field is not null) problem.Extensions["field"] = error.Field;
        return Results.Problem(problem);
    }
}
