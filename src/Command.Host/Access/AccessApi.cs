using System.Collections.Immutable;
using Command.Grains.Access;
using Command.Host.Api;
using Command.Ingest.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Command.Host.Access;

/// <summary>
/// The admin's door: people and their roles, machine tokens, device credentials, sign-in lock-outs. Every change is
/// written to the access grain, copied to this host at once (other hosts within a refresh), and audited.
/// </summary>
public static class AccessApi
{
    public static IEndpointRouteBuilder MapAccessApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/access").WithTags("Access").RequireAuthorization(Rights.ManageAccess);
        api.MapGet("/people", (AccessBookCopy book) => Results.Ok(book.Book.People.Select(View)));
        api.MapPost("/people", AddPersonAsync).WithMetadata(CallerRateClass.Commands);
        api.MapPut("/people/{userName}/roles", SetRolesAsync).WithMetadata(CallerRateClass.Commands);
        api.MapPut("/people/{userName}/password", SetPasswordAsync).WithMetadata(CallerRateClass.Commands);
        api.MapDelete("/people/{userName}", async (string userName, HttpContext http, IGrainFactory grains, AccessBookCopy book, AccessAudit audit) =>
        {
            // Said with the roles they held, as a change of roles is: "removed X" alone did not say an admin was taken away.
            var person = await Access(grains).FindPerson(userName);
            userName = person?.UserName ?? userName;
            return await ChangeAsync(http, book, audit, $"removed {userName}{(person is null ? "" : Was(person.Roles))}", Access(grains).RemovePerson(userName), Results.NoContent());
        }).WithMetadata(CallerRateClass.Commands);

        api.MapGet("/tokens", (AccessBookCopy book) => Results.Ok(book.Book.Tokens.Select(t => View(t))));
        api.MapPost("/tokens", IssueTokenAsync).WithMetadata(CallerRateClass.Commands);
        api.MapDelete("/tokens/{id}", RevokeTokenAsync).WithMetadata(CallerRateClass.Commands);

        api.MapGet("/devices", (AccessBookCopy book) => Results.Ok(book.Book.Devices.Select(d => View(d))));
        api.MapPost("/devices", AddDeviceAsync).WithMetadata(CallerRateClass.Commands);
        api.MapDelete("/devices/{id}", RevokeDeviceAsync).WithMetadata(CallerRateClass.Commands);

        api.MapGet("/lockouts", async (IGrainFactory grains, [FromKeyedServices(AccessClock.Key)] TimeProvider clock) =>
            Results.Ok(await grains.GetGrain<ISignInGuardGrain>(ISignInGuardGrain.Key).Lockouts(clock.GetUtcNow())));
        api.MapDelete("/lockouts/{address}", async (string address, HttpContext http, IGrainFactory grains, AccessAudit audit) =>
        {
            address = SignInSource.Named(address);
            if (!await grains.GetGrain<ISignInGuardGrain>(ISignInGuardGrain.Key).Unlock(address))
            {
                return Results.NotFound(new ApiError("not-locked-out", $"{address} is not shut out of signing in"));
            }

            audit.LockoutLifted(address, AccessClaims.Actor(http.User));
            return Results.NoContent();
        }).WithMetadata(CallerRateClass.Commands);
        return app;
    }

    private static async Task<IResult> AddPersonAsync(
        HttpContext http, IGrainFactory grains, AccessBookCopy book, AccessAudit audit, IPasswordHasher<Person> hasher, IOptions<JsonOptions> json,
        [FromKeyedServices(AccessClock.Key)] TimeProvider clock, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<NewPerson>(http.Request, json.Value.SerializerOptions, ct);
        if (error is not null)
        {
            return error;
        }

        var errors = new List<FieldError>();
        if (AccessNames.UserNameProblem(body!.UserName) is { } nameProblem)
        {
            errors.Add(new FieldError("userName", "invalid-value", nameProblem));
        }

        if (body.Password is not null && AccessNames.PasswordProblem(body.Password) is { } passwordProblem)
        {
            errors.Add(new FieldError("password", "invalid-value", passwordProblem));
        }

        var roles = PeopleRoles(body.Roles, errors);
        if (errors.Count > 0)
        {
            return ApiError.Invalid(errors);
        }

        var person = new Person(PersonName.Written(body.UserName!), [.. roles], null, 0, clock.GetUtcNow(), AccessClaims.Actor(http.User));
        person = body.Password is null ? person : person with { PasswordHash = hasher.HashPassword(person, body.Password) };
        return await ChangeAsync(http, book, audit, $"added {person.UserName} as {string.Join(", ", roles.Select(AccessRoles.Name))}",
            Access(grains).AddPerson(person), Results.Created($"/api/access/people/{Uri.EscapeDataString(person.UserName)}", View(person.Entry)));
    }

    private static async Task<IResult> SetRolesAsync(
        string userName, HttpContext http, IGrainFactory grains, AccessBookCopy book, AccessAudit audit, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<RolesChange>(http.Request, json.Value.SerializerOptions, ct);
        if (error is not null)
        {
            return error;
        }

        var errors = new List<FieldError>();
        var roles = PeopleRoles(body!.Roles, errors);
        var was = body.Was is null ? null : AccessNames.Roles(body.Was, "was", errors);
        if (errors.Count > 0)
        {
            return ApiError.Invalid(errors);
        }

        userName = await BookNameAsync(grains, userName);
        var write = await Access(grains).SetRoles(userName, [.. roles], was is null ? null : [.. was]);
        // The roles they hold, given again, change nothing: done, and the audit says nothing, as nothing was made. A change
        // says the roles it replaced, as the book held them when it decided, whether or not the caller said what it was
        // made from: "made X observer" alone did not tell a reader that admin was taken away.
        return write.Refusal is { Reason: AccessRefusal.UnchangedReason } ? Results.NoContent()
            : await ChangeAsync(http, book, audit, $"made {userName} {string.Join(", ", roles.Select(AccessRoles.Name))}{Was(write.Was)}", Task.FromResult(write.Refusal), Results.NoContent());
    }

    /// <summary>" (was commander, evaluator)": the roles a change replaced or a removal took away, for the audit.</summary>
    private static string Was(ImmutableArray<AccessRole> roles) =>
        $" (was {(roles.IsDefaultOrEmpty ? "no role" : string.Join(", ", roles.Order().Select(AccessRoles.Name)))})";

    /// <summary>
    /// Revokes a token, audited by the name the recording knows it by and what it could do ("revoked token:cad-bridge
    /// (observer; id …)"): the id alone told an audit's reader nothing. One revoked already is no change, and not audited again.
    /// </summary>
    private static async Task<IResult> RevokeTokenAsync(
        string id, HttpContext http, IGrainFactory grains, AccessBookCopy book, AccessAudit audit, [FromKeyedServices(AccessClock.Key)] TimeProvider clock)
    {
        var token = await KnownAsync(book, b => b.Tokens.FirstOrDefault(t => t.Id == id));
        if (token is { RevokedAt: not null })
        {
            return Results.NoContent();
        }

        var what = token is null ? $"token {id}"
            : $"{token.Actor} ({string.Join(", ", token.Roles.Select(AccessRoles.Name))}{(token.Units.IsDefaultOrEmpty ? "" : $" for {string.Join(", ", token.Units)}")}; id {id})";
        return await ChangeAsync(http, book, audit, $"revoked {what}", Access(grains).RevokeToken(id, clock.GetUtcNow()), Results.NoContent());
    }

    /// <summary>Revokes a Traccar Client identifier, audited by its name and unit ("revoked device:phone-7 for unit P1 (id …)").</summary>
    private static async Task<IResult> RevokeDeviceAsync(
        string id, HttpContext http, IGrainFactory grains, AccessBookCopy book, AccessAudit audit, [FromKeyedServices(AccessClock.Key)] TimeProvider clock)
    {
        var device = await KnownAsync(book, b => b.Devices.FirstOrDefault(d => d.Id == id));
        if (device is { RevokedAt: not null })
        {
            return Results.NoContent();
        }

        var what = device is null ? $"device {id}" : $"{device.Actor} for unit {device.UnitId} (id {id})";
        return await ChangeAsync(http, book, audit, $"revoked {what}", Access(grains).RevokeDevice(id, clock.GetUtcNow()), Results.NoContent());
    }

    /// <summary>What this host's copy of the book holds of a credential, read again once when it holds nothing (issued on another host a moment ago).</summary>
    private static async Task<T?> KnownAsync<T>(AccessBookCopy book, Func<AccessBook, T?> find)
        where T : class
    {
        if (find(book.Book) is { } known)
        {
            return known;
        }

        await book.RefreshAsync();
        return find(book.Book);
    }

    private static async Task<IResult> SetPasswordAsync(
        string userName, HttpContext http, IGrainFactory grains, AccessBookCopy book, AccessAudit audit, IPasswordHasher<Person> hasher, IOptions<JsonOptions> json,
        CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<PasswordSet>(http.Request, json.Value.SerializerOptions, ct);
        if (error is not null)
        {
            return error;
        }

        if (AccessNames.PasswordProblem(body!.Password) is { } problem)
        {
            return ApiError.Invalid([new FieldError("password", "invalid-value", problem)]);
        }

        userName = await BookNameAsync(grains, userName);
        if (AccessClaims.IsPerson(http.User) && string.Equals(AccessClaims.Actor(http.User), userName, StringComparison.Ordinal))
        {
            // Set here, typed once, it would end the admin's own session, and a slip in it could leave the last admin who
            // can sign in shut out for good: no link is printed once someone has a password.
            return Results.Conflict(new ApiError("own-password",
                "this is your own password: change it under 'Your password' (PUT /api/auth/password), which asks for the current one, rather than here, which would end this session"));
        }

        var hash = hasher.HashPassword(new Person(userName, [], null, 0, default, ""), body.Password!);
        return await ChangeAsync(http, book, audit, $"set the password of {userName}", Access(grains).SetPassword(userName, hash), Results.NoContent());
    }

    private static async Task<IResult> IssueTokenAsync(
        HttpContext http, IGrainFactory grains, AccessBookCopy book, AccessAudit audit, TokenFormat format, AccessOptions options, IOptions<JsonOptions> json,
        [FromKeyedServices(AccessClock.Key)] TimeProvider clock, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<NewToken>(http.Request, json.Value.SerializerOptions, ct);
        if (error is not null)
        {
            return error;
        }

        var errors = new List<FieldError>();
        if (AccessNames.CredentialNameProblem(body!.Name) is { } nameProblem)
        {
            errors.Add(new FieldError("name", "invalid-value", nameProblem));
        }

        var roles = AccessNames.Roles(body.Roles, "roles", errors);
        var units = (body.Units ?? []).Distinct(StringComparer.Ordinal).ToList();
        TokenUnits(roles, units, errors);
        // Checked as days before it becomes a TimeSpan, which cannot hold NaN, infinity or 1e308 days.
        if (body.ExpiresInDays is { } d && (!double.IsFinite(d) || d <= 0 || d > options.MaxTokenLifetime.TotalDays))
        {
            errors.Add(new FieldError("expiresInDays", "invalid-value", $"a token lives more than 0 and at most {options.MaxTokenLifetime.TotalDays:0} days"));
        }

        if (errors.Count > 0)
        {
            return ApiError.Invalid(errors);
        }

        var lifetime = body.ExpiresInDays is { } days ? TimeSpan.FromDays(days) : options.DefaultTokenLifetime;
        var now = clock.GetUtcNow();
        var payload = new TokenPayload(AccessNames.Id(), body.Name!, [.. roles], [.. units], now + lifetime);
        var text = format.Issue(payload);
        var token = new MachineToken(payload.Id, payload.Name, payload.Roles, payload.Units, payload.Expires, TokenFormat.Hash(text), now, AccessClaims.Actor(http.User));
        return await ChangeAsync(http, book, audit, $"issued {token.Actor} ({string.Join(", ", roles.Select(AccessRoles.Name))})", Access(grains).IssueToken(token),
            Results.Created($"/api/access/tokens/{token.Id}", View(token, text)));
    }

    private static async Task<IResult> AddDeviceAsync(
        HttpContext http, IGrainFactory grains, AccessBookCopy book, AccessAudit audit, IOptions<JsonOptions> json,
        [FromKeyedServices(AccessClock.Key)] TimeProvider clock, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<NewDevice>(http.Request, json.Value.SerializerOptions, ct);
        if (error is not null)
        {
            return error;
        }

        var errors = new List<FieldError>();
        if (AccessNames.CredentialNameProblem(body!.Name) is { } nameProblem)
        {
            errors.Add(new FieldError("name", "invalid-value", nameProblem));
        }

        if (FieldError.UnitId("unitId", body.UnitId) is { } unitId)
        {
            errors.Add(unitId with { Detail = $"the unit this device reports for: {unitId.Detail}" });
        }

        if (errors.Count > 0)
        {
            return ApiError.Invalid(errors);
        }

        // The Traccar Client sends its identifier as the unit id, so it is kept to letters and digits the app can show.
        var identifier = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();
        var device = new DeviceCredential(AccessNames.Id(), body.Name!, body.UnitId!, TokenFormat.Hash(identifier), clock.GetUtcNow(), AccessClaims.Actor(http.User));
        return await ChangeAsync(http, book, audit, $"issued {device.Actor} for unit {device.UnitId}", Access(grains).AddDevice(device),
            Results.Created($"/api/access/devices/{device.Id}", View(device, identifier)));
    }

    /// <summary>A device token holds the device role alone and names 1-1,000 units; no other token names any.</summary>
    private static void TokenUnits(List<AccessRole> roles, List<string> units, List<FieldError> errors)
    {
        if (roles.Contains(AccessRole.Device))
        {
            if (roles.Count > 1)
            {
                errors.Add(new FieldError("roles", "invalid-value", "a device token holds the device role alone"));
            }

            if (units.Count is 0 or > 1_000)
            {
                errors.Add(new FieldError("units", "invalid-value", "a device token names the 1-1,000 units it may report for"));
            }
        }
        else if (units.Count > 0)
        {
            errors.Add(new FieldError("units", "invalid-value", "only a device token names units"));
        }

        for (var i = 0; i < units.Count; i++)
        {
            if (FieldError.UnitId($"units[{i}]", units[i]) is { } unit)
            {
                errors.Add(unit);
            }
            else if (units.FindIndex(u => string.Equals(u, units[i], StringComparison.OrdinalIgnoreCase)) is var first && first < i)
            {
                // Unit ids are matched exactly, as a device sends them: one of the two would be a unit the token never reports for.
                errors.Add(new FieldError($"units[{i}]", "invalid-value", $"'{units[i]}' differs from '{units[first]}' only in letter case: name the unit once, as its device sends it"));
            }
        }
    }

    private static List<AccessRole> PeopleRoles(List<string>? names, List<FieldError> errors)
    {
        var roles = AccessNames.Roles(names, "roles", errors);
        if (roles.Contains(AccessRole.Device))
        {
            errors.Add(new FieldError("roles", "invalid-value", "device is a machine's role; a person holds admin, commander, controller, evaluator or observer"));
        }

        return roles;
    }

    private static async Task<IResult> ChangeAsync(HttpContext http, AccessBookCopy book, AccessAudit audit, string change, Task<AccessRefusal?> write, IResult done)
    {
        if (await write is { } refusal)
        {
            return refusal.Reason is "unknown-person" or "unknown-token" or "unknown-device"
                ? Results.NotFound(new ApiError(refusal.Reason, refusal.Detail))
                : Results.Conflict(new ApiError(refusal.Reason, refusal.Detail));
        }

        audit.AccessChanged(AccessClaims.Actor(http.User), change);
        await book.RefreshAsync();
        return done;
    }

    private static IAccessGrain Access(IGrainFactory grains) => grains.GetGrain<IAccessGrain>(IAccessGrain.Key);

    /// <summary>
    /// The name of the person a typed name names, as the book holds it, so the audit names them as the recording does
    /// (<c>sgt ruiz</c> in the address changes <c>Sgt Ruiz</c>); as typed when nobody has it, which the grain refuses.
    /// </summary>
    private static async Task<string> BookNameAsync(IGrainFactory grains, string userName) => (await Access(grains).FindPerson(userName))?.UserName ?? userName;

    private static PersonView View(PersonEntry p) => new(p.UserName, [.. p.Roles.Select(AccessRoles.Name)], p.HasPassword, p.CreatedAt, p.CreatedBy);

    private static TokenView View(MachineToken t, string? text = null) =>
        new(t.Id, t.Name, [.. t.Roles.Select(AccessRoles.Name)], t.Units, t.Expires, t.CreatedAt, t.CreatedBy, t.RevokedAt, text);

    private static DeviceView View(DeviceCredential d, string? identifier = null) => new(d.Id, d.Name, d.UnitId, d.CreatedAt, d.CreatedBy, d.RevokedAt, identifier);
}
