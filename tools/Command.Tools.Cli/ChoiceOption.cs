using System.CommandLine;

namespace Command.Tools.Cli;

/// <summary>
/// An option that takes one of a few words, read the same way in every tool: in any case, given back as listed,
/// offered as completions, and refused with a message that names the option, the choices and what was given.
/// </summary>
public static class ChoiceOption
{
    /// <summary>An option that takes one of <paramref name="choices"/>; null when not given, unless a default is.</summary>
    public static Option<string> OneOf(string name, string description, IReadOnlyList<string> choices, string? defaultValue = null)
    {
        var option = new Option<string>(name)
        {
            Description = description,
            HelpName = string.Join('|', choices),
            CustomParser = result =>
            {
                var text = result.Tokens[0].Value;
                var choice = choices.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase));
                if (choice is null)
                {
                    result.AddError($"{name} must be one of {string.Join(", ", choices)} (was '{text}').");
                }

                return choice;
            },
        };
        if (defaultValue is not null)
        {
            option.DefaultValueFactory = _ => defaultValue;
        }

        option.CompletionSources.Add([.. choices]);
        return option;
    }
}
