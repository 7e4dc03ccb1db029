namespace Command.Host.Access;

/// <summary>POST /api/auth/sign-in.</summary>
public sealed record SignInRequest(string? UserName, string? Password);

/// <summary>POST /api/auth/link: the code of a one-time sign-in link.</summary>
public sealed record LinkRequest(string? Code);

/// <summary>PUT /api/auth/password: one's own password.</summary>
public sealed record PasswordChange(string? CurrentPassword, string? NewPassword);

/// <summary>
/// Who the caller is: name (the actor commands are recorded under), kind of credential, roles and rights, and the identity
/// behind the name (<c>person:&lt;id&gt;</c>, <c>token:&lt;id&gt;</c>): someone added again under a removed person's name
/// has the name but not the identity, so what the first opened (a replay to drive) is told apart by it.
/// </summary>
public sealed record Caller(string Name, string Credential, IReadOnlyList<string> Roles, IReadOnlyList<string> Rights, string Id);
