namespace Command.Host.Api;

/// <summary>
/// Unit ids as a path carries them. A radio's id may hold a '/' (a CoT uid is any text), which a client sends as %2F;
/// the server decodes every other escape in a path but that one, so a route value still holds it, and here it is
/// turned back into the '/' the unit's id has.
/// </summary>
public static class RouteIds
{
    public static string Unit(string routeValue) => routeValue.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
}
