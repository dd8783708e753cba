namespace Cabinets.GraphQL.Validation;

/// <summary>
/// "Did you mean" hints worded and ranked exactly as graphql-js (<c>suggestionList</c>,
/// <c>didYouMean</c>, <c>naturalCompare</c>), so our messages match its messages word for word.
/// </summary>
internal static class Suggestions
{
    private const int MaxSuggestions = 5;

    /// <summary>Options within a Damerau-Levenshtein distance of 40% of the input, nearest first.</summary>
    public static IReadOnlyList<string> List(string input, IEnumerable<string> options)
    {
        var distances = new Dictionary<string, int>(StringComparer.Ordinal);
        var measure = new LexicalDistance(input);
        var threshold = (int)Math.Floor(input.Length * 0.4) + 1;
        foreach (var option in options)
        {
            if (!distances.ContainsKey(option) && measure.Measure(option, threshold) is { } distance)
            {
                distances[option] = distance;
            }
        }

        var result = distances.Keys.ToList();
        result.Sort((a, b) => distances[a] != distances[b] ? distances[a] - distances[b] : NaturalCompare(a, b));
        return result;
    }

    /// <summary><c>" Did you mean "a", "b", or "c"?"</c>, or empty without suggestions.</summary>
    public static string DidYouMean(IReadOnlyList<string> suggestions) => DidYouMean(null, suggestions);

    public static string DidYouMean(string? subMessage, IReadOnlyList<string> suggestions)
    {
        var message = subMessage is null ? " Did you mean " : $" Did you mean {subMessage} ";
        var quoted = suggestions.Take(MaxSuggestions).Select(s => $"\"{s}\"").ToList();
        return quoted.Count switch
        {
            0 => "",
            1 => message + quoted[0] + "?",
            2 => message + quoted[0] + " or " + quoted[1] + "?",
            _ => message + string.Join(", ", quoted.Take(quoted.Count - 1)) + ", or " + quoted[^1] + "?",
        };
    }

    /// <summary>Compares strings with embedded numbers by value ("a2" before "a10"), as graphql-js.</summary>
    public static int NaturalCompare(string a, string b)
    {
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
            {
                var aNumber = ReadNumber(a, ref i);
                var bNumber = ReadNumber(b, ref j);
                if (aNumber != bNumber)
                {
                    return aNumber < bNumber ? -1 : 1;
                }
            }
            else
            {
                if (a[i] != b[j])
                {
                    return a[i] < b[j] ? -1 : 1;
                }

                i++;
                j++;
            }
        }

        return a.Length - b.Length;
    }

    // graphql-js stops reading a number after a leading zero ("007" reads as 0, then "07").
    private static double ReadNumber(string text, ref int index)
    {
        double number = 0;
        do
        {
            number = (number * 10) + (text[index] - '0');
            index++;
        }
        while (index < text.Length && char.IsAsciiDigit(text[index]) && number > 0);
        return number;
    }

    private sealed class LexicalDistance(string input)
    {
        private readonly string _lower = input.ToLowerInvariant();

        public int? Measure(string option, int threshold)
        {
            if (input == option)
            {
                return 0;
            }

            var optionLower = option.ToLowerInvariant();
            if (_lower == optionLower)
            {
                return 1; // a case change counts as a single edit
            }

            var a = optionLower;
            var b = _lower;
            if (a.Length < b.Length)
            {
                (a, b) = (b, a);
            }

            if (a.Length - b.Length > threshold)
            {
                return null;
            }

            var rows = new int[3][];
            for (var r = 0; r < 3; r++)
            {
                rows[r] = new int[b.Length + 1];
            }

            for (var j = 0; j <= b.Length; j++)
            {
                rows[0][j] = j;
            }

            for (var i = 1; i <= a.Length; i++)
            {
                var up = rows[(i - 1) % 3];
                var current = rows[i % 3];
                var smallest = current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    var cell = Math.Min(Math.Min(up[j] + 1, current[j - 1] + 1), up[j - 1] + cost);
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    {
                        cell = Math.Min(cell, rows[(i - 2) % 3][j - 2] + 1); // transposition
                    }

                    smallest = Math.Min(smallest, cell);
                    current[j] = cell;
                }

                if (smallest > threshold)
                {
                    return null;
                }
            }

            var distance = rows[a.Length % 3][b.Length];
            return distance <= threshold ? distance : null;
        }
    }
}
