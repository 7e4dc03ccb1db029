using System.Globalization;

namespace Command.Simulator.Cli;

/// <summary>A verb and its "--name value" options and "--flag" switches. Mistakes throw <see cref="UsageException"/>.</summary>
internal sealed class CommandLine
{
    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "loop" };

    private readonly Dictionary<string, string> options = new(StringComparer.Ordinal);
    private readonly HashSet<string> flags = new(StringComparer.Ordinal);

    private CommandLine(string verb) => Verb = verb;

    public string Verb { get; }

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0].StartsWith('-'))
        {
            throw new UsageException("Give a command: play or load.");
        }

        var line = new CommandLine(args[0]);
        for (var i = 1; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"Unexpected '{args[i]}': options look like --name value.");
            }

            var name = args[i][2..];
            if (Flags.Contains(name))
            {
                line.flags.Add(name);
            }
            else if (i + 1 < args.Count)
            {
                line.options[name] = args[++i];
            }
            else
            {
                throw new UsageException($"--{name} needs a value.");
            }
        }

        return line;
    }

    public bool Flag(string name) => flags.Contains(name);

    public string Text(string name, string fallback) => options.GetValueOrDefault(name, fallback);

    public string Required(string name) =>
        options.TryGetValue(name, out var value) ? value : throw new UsageException($"--{name} is required.");

    public double Number(string name, double fallback, double min, double max)
    {
        if (!options.TryGetValue(name, out var text))
        {
            return fallback;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--{name} must be a number from {min} to {max} (was '{text}')."));
        }

        return value;
    }

    /// <summary>Names of options given that the verb does not know, so a typo is not silently ignored.</summary>
    public void RejectUnknown(params string[] known)
    {
        var unknown = options.Keys.Concat(flags).Except(known, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException($"Unknown option --{unknown[0]} for '{Verb}'.");
        }
    }
}

/// <summary>The command line is wrong; the message says how.</summary>
internal sealed class UsageException(string message) : Exception(message);
