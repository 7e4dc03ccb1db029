using Microsoft.AspNetCore.Authorization;

namespace Command.Host.Access;

/// <summary>A policy's one requirement: the caller holds <paramref name="Right"/> (see <see cref="Rights"/>).</summary>
public sealed record RightRequirement(string Right) : IAuthorizationRequirement;

/// <summary>Meets a <see cref="RightRequirement"/> when one of the caller's roles holds the right.</summary>
public sealed class RightHandler : AuthorizationHandler<RightRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RightRequirement requirement)
    {
        if (Rights.Grants(context.User, requirement.Right))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
