using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace Command.Tools.Cli;

/// <summary>
/// Numeric options read the same way in every tool: invariant culture, whole numbers where a count is meant, and one
/// message that names the option, the range and what was given, whether the text was no number or out of range.
/// </summary>
public static class NumberOption
{
    /// <summary>An option whose value must lie from <paramref name="min"/> to <paramref name="max"/>, inclusive.</summary>
    public static Option<T> Between<T>(string name, string description, T defaultValue, T min, T max)
        where T : struct, INumber<T>, IMinMaxValue<T> =>
        new(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result => Parse(result, name, min, max),
        };

    /// <summary>An option whose value must be <paramref name="min"/> or more.</summary>
    public static Option<T> AtLeast<T>(string name, string description, T defaultValue, T min)
        where T : struct, INumber<T>, IMinMaxValue<T> => Between(name, description, defaultValue, min, T.MaxValue);

    /// <summary>
    /// An option with no default, for a value whose absence means something (null); when given, it must lie from
    /// <paramref name="min"/> to <paramref name="max"/>, inclusive.
    /// </summary>
    public static Option<T?> Optional<T>(string name, string description, T min, T max)
        where T : struct, INumber<T>, IMinMaxValue<T> =>
        new(name)
        {
            Description = description,
            CustomParser = result => Parse(result, name, min, max),
        };

    /// <summary>An option that takes any value of <typeparamref name="T"/>.</summary>
    public static Option<T> Any<T>(string name, string description, T defaultValue)
        where T : struct, INumber<T>, IMinMaxValue<T> => Between(name, description, defaultValue, T.MinValue, T.MaxValue);

    private static T Parse<T>(ArgumentResult result, string name, T min, T max)
        where T : struct, INumber<T>, IMinMaxValue<T>
    {
        var text = result.Tokens[0].Value;
        var whole = typeof(T).GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IBinaryInteger<>));
        var style = whole ? NumberStyles.Integer : NumberStyles.Float;
        if (T.TryParse(text, style, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        result.AddError($"{name} must be {Range(whole ? "a whole number" : "a number", min, max)} (was '{text}').");
        return default;
    }

    private static string Range<T>(string kind, T min, T max)
        where T : struct, INumber<T>, IMinMaxValue<T> =>
        (min == T.MinValue, max == T.MaxValue) switch
        {
            (true, true) => kind,
            (false, true) => string.Create(CultureInfo.InvariantCulture, $"{kind} of at least {min}"),
            (true, false) => string.Create(CultureInfo.InvariantCulture, $"{kind} of at most {max}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{kind} from {min} to {max}"),
        };
}
