namespace Command.Host.Access;

/// <summary>POST /api/access/people: a password is optional (without one, the person cannot sign in until an admin sets one).</summary>
public sealed record NewPerson(string? UserName, string? Password, List<string>? Roles);

/// <summary>
/// PUT /api/access/people/{userName}/roles: the roles they are to hold; and <c>was</c>, optional, the roles the change was
/// made from (as the admin saw them), refused 409 <c>roles-changed</c> when someone has changed them since.
/// </summary>
public sealed record RolesChange(List<string>? Roles, List<string>? Was = null);

/// <summary>PUT /api/access/people/{userName}/password.</summary>
public sealed record PasswordSet(string? Password);

/// <summary>POST /api/access/tokens: a device token (role device, alone) names the units it may report for.</summary>
public sealed record NewToken(string? Name, List<string>? Roles, List<string>? Units, double? ExpiresInDays);

/// <summary>A token as the admin sees it; the token text itself only once, when issued.</summary>
public sealed record TokenView(
    string Id, string Name, IReadOnlyList<string> Roles, IReadOnlyList<string> Units, DateTimeOffset Expires, DateTimeOffset CreatedAt, string CreatedBy,
    DateTimeOffset? RevokedAt, string? Token = null);

/// <summary>POST /api/access/devices: a Traccar Client device identifier for one unit.</summary>
public sealed record NewDevice(string? Name, string? UnitId);

/// <summary>A device credential as the admin sees it; the identifier itself only once, when issued.</summary>
public sealed record DeviceView(string Id, string Name, string UnitId, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt, string? Identifier = null);

/// <summary>A person as the admin sees them.</summary>
public sealed record PersonView(string UserName, IReadOnlyList<string> Roles, bool HasPassword, DateTimeOffset CreatedAt, string CreatedBy);
