using Microsoft.Extensions.Options;

namespace Command.Host.Drills;

/// <summary>Stops the host before it starts when a demo setting cannot work, naming each one.</summary>
/// <param name="contentRoot">The folder relative scenario folders are read from.</param>
public sealed class DemoOptionsCheck(string contentRoot) : IValidateOptions<DemoOptions>
{
    public ValidateOptionsResult Validate(string? name, DemoOptions options) =>
        options.Problems(contentRoot).ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
