using Microsoft.Extensions.Options;

namespace Command.Host.Drills;

/// <summary>Stops the host before it starts when a demo setting cannot work, naming each one.</summary>
public sealed class DemoOptionsCheck : IValidateOptions<DemoOptions>
{
    public ValidateOptionsResult Validate(string? name, DemoOptions options) =>
        options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
