using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Command.Host.Hosting;

/// <summary>
/// What a host that refuses to start says: its one reason, naming the setting, the value and what to do. Thrown as an
/// unhandled exception the reason was buried in a stack trace and the process aborted (exit code 134, a core dump where
/// they are kept), which reads as a crash to an operator and to a service manager alike.
/// </summary>
public static partial class StartRefusal
{
    public const string Prefix = "This host cannot start: ";

    /// <summary>The reason to print for a start that failed on its configuration; null for a fault, which keeps its stack.</summary>
    public static string? Reason(Exception failure) => failure switch
    {
        AggregateException { InnerExceptions.Count: 1 } one => Reason(one.InnerExceptions[0]),
        OptionsValidationException invalid => Prefixed(invalid.Message),
        InvalidOperationException unreadable when Unreadable(unreadable) is { } reason => Prefix + reason,
        // The host's own refusals, and the configuration binder's: its hosting code throws nothing else for a setting.
        InvalidOperationException refused => Prefixed(refused.Message),
        _ => null,
    };

    /// <summary>
    /// The configuration binder's failure to read a value, said with its setting and the kind of value it takes
    /// ("Demo:Speed is 'fast', which is not a number."); null for any other failure.
    /// </summary>
    public static string? Unreadable(InvalidOperationException failure) =>
        Unconvertible().Match(failure.Message) is { Success: true } match
            ? $"{match.Groups["key"].Value} is '{match.Groups["value"].Value}', which is not {Kind(match.Groups["type"].Value)}."
            : null;

    private static string Prefixed(string reason) => reason.StartsWith(Prefix, StringComparison.Ordinal) ? reason : Prefix + reason;

    private static string Kind(string type) => type switch
    {
        "System.Double" or "System.Single" or "System.Decimal" => "a number",
        "System.Int32" or "System.Int64" or "System.Int16" or "System.Byte" or "System.UInt16" or "System.UInt32" or "System.UInt64" => "a whole number",
        "System.Boolean" => "true or false",
        "System.TimeSpan" => "a time written hh:mm:ss (00:15:00 for 15 minutes, 1.00:00:00 for a day)",
        "System.Uri" => "an address",
        _ when Enumeration(type) is { } names => $"one of {string.Join(", ", names)}",
        _ => $"a value of its kind ({type})",
    };

    private static string[]? Enumeration(string type) =>
        AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(type, throwOnError: false)).FirstOrDefault(t => t is { IsEnum: true }) is { } found
            ? Enum.GetNames(found)
            : null;

    // Microsoft.Extensions.Configuration.Binder's: "Failed to convert configuration value 'fast' at 'Demo:Speed' to type 'System.Double'."
    [GeneratedRegex("^Failed to convert configuration value '(?<value>.*)' at '(?<key>[^']*)' to type '(?<type>[^']*)'", RegexOptions.Singleline)]
    private static partial Regex Unconvertible();
}
