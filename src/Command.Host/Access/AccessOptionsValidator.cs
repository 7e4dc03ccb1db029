using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Options;

namespace Command.Host.Access;

/// <summary>
/// Checks <see cref="AccessOptions"/> at start-up: its values, and that the bootstrap token did not come from the
/// command line, which other local users can read (a secret given there is already out).
/// </summary>
public sealed class AccessOptionsValidator(IConfiguration configuration) : IValidateOptions<AccessOptions>
{
    public ValidateOptionsResult Validate(string? name, AccessOptions options)
    {
        var problems = options.Problems().ToList();
        if (configuration is IConfigurationRoot root
            && root.Providers.OfType<CommandLineConfigurationProvider>().Any(p => p.TryGet($"{AccessOptions.Section}:{nameof(AccessOptions.BootstrapToken)}", out _)))
        {
            problems.Add("Auth:BootstrapToken may not be given on the command line, which other local users can read; set the environment variable Auth__BootstrapToken (or a secret) instead.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
