using System.CommandLine;

namespace Command.Tools.Cli;

/// <summary>The address of a running host, checked when the command line is read rather than at the first request.</summary>
public static class UrlOption
{
    /// <summary>An option that takes an absolute http or https URL; no default.</summary>
    public static Option<Uri> Create(string name, string description) =>
        new(name)
        {
            Description = description,
            HelpName = "url",
            CustomParser = result =>
            {
                var text = result.Tokens[0].Value;
                if (Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
                {
                    return url;
                }

                result.AddError($"{name} must be an absolute http or https URL (was '{text}').");
                return null;
            },
        };
}
