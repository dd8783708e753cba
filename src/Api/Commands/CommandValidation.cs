using System.Reflection;
using FluentValidation;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Wolverine.Configuration;
using Wolverine.Runtime.Handlers;

namespace Cabinets.Api.Commands;

/// <summary>Thrown by the validation middleware; <see cref="CommandSender"/> turns it into <see cref="CommandOutcome.Invalid"/>.</summary>
public sealed class CommandInvalidException(IReadOnlyList<FieldError> errors)
    : Exception("the command failed validation: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")))
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}

/// <summary>The middleware call: runs the command's validator before the handler loads anything.</summary>
public static class CommandValidation<T>
{
    public static void Validate(T command, IValidator<T> validator)
    {
        var result = validator.Validate(command);
        if (result.IsValid) return;
        throw new CommandInvalidException(result.Errors
            .Select(e => new FieldError(JsonPath(e.PropertyName), e.ErrorCode, e.ErrorMessage)).ToList());
    }

    private static string JsonPath(string property) => string.Join('.', property.Split('.')
        .Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}

/// <summary>
/// FluentValidation as Wolverine middleware (the WolverineFx.FluentValidation package is not served
/// here): every handler chain whose message has a validator in this assembly gets a call to
/// <see cref="CommandValidation{T}.Validate"/> before the handler.
/// </summary>
public sealed class FluentValidationPolicy(IReadOnlyDictionary<Type, Type> validators) : IHandlerPolicy
{
    public static IReadOnlyDictionary<Type, Type> ValidatorsIn(Assembly assembly) => assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false })
        .SelectMany(t => t.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))
            .Select(i => (Message: i.GetGenericArguments()[0], Validator: t)))
        .ToDictionary(x => x.Message, x => x.Validator);

    public void Apply(IReadOnlyList<HandlerChain> chains, GenerationRules rules, JasperFx.IServiceContainer container)
    {
        foreach (var chain in chains.Where(c => validators.ContainsKey(c.MessageType)))
        {
            var middleware = typeof(CommandValidation<>).MakeGenericType(chain.MessageType);
            chain.Middleware.Insert(0, new MethodCall(middleware, middleware.GetMethod(nameof(CommandValidation<object>.Validate))!));
        }
    }
}
