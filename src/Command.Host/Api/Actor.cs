using Command.Host.Access;

namespace Command.Host.Api;

/// <summary>
/// Who made a command: the caller's authenticated identity (a person's user name, or <c>token:&lt;name&gt;</c>),
/// never anything the caller writes, so the recording says who really did it.
/// </summary>
public static class Actor
{
    public static string Of(HttpRequest request) => AccessClaims.Actor(request.HttpContext.User);
}
