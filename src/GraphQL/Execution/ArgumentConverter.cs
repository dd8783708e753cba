using System.Globalization;

namespace Cabinets.GraphQL.Execution;

/// <summary>Converts coerced argument values to the CLR type a resolver asks for, without reflection for the common cases.</summary>
internal static class ArgumentConverter
{
    public static T Convert<T>(object? value, string name)
    {
        switch (value)
        {
            case T typed:
                return typed;
            case null when default(T) is null:
                return default!;
            case int or long or double or decimal when IsNumber<T>():
                return (T)System.Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), CultureInfo.InvariantCulture);
            case object?[] items when typeof(T) != typeof(object):
                return ConvertList<T>(items, name);
            default:
                throw new InvalidCastException($"Argument \"{name}\" is {value?.GetType().Name ?? "null"}, not {typeof(T).Name}.");
        }
    }

    private static bool IsNumber<T>()
    {
        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return type == typeof(int) || type == typeof(long) || type == typeof(double) || type == typeof(decimal)
            || type == typeof(float) || type == typeof(short);
    }

    private static T ConvertList<T>(object?[] items, string name)
    {
        if (typeof(T) == typeof(string[]))
        {
            return (T)(object)items.Select(i => Convert<string>(i, name)).ToArray();
        }

        if (typeof(T) == typeof(int[]))
        {
            return (T)(object)items.Select(i => Convert<int>(i, name)).ToArray();
        }

        if (typeof(T) == typeof(long[]))
        {
            return (T)(object)items.Select(i => Convert<long>(i, name)).ToArray();
        }

        if (typeof(T) == typeof(IReadOnlyList<string>) || typeof(T) == typeof(IEnumerable<string>))
        {
            return (T)(object)items.Select(i => Convert<string>(i, name)).ToList();
        }

        throw new InvalidCastException($"Argument \"{name}\" is a list, not {typeof(T).Name}.");
    }
}
