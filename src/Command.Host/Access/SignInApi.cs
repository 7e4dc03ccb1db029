using Command.Grains.Access;
using Command.Host.Api;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Command.Host.Access;

/// <summary>
/// Signing in and out: with a password (throttled per source address), with the first run's one-time link, and
/// who the caller is. Sign-in and the link are the only API calls open to an anonymous caller.
/// </summary>
public static class SignInApi
{
    public static IEndpointRouteBuilder MapSignInApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/auth").WithTags("Sign-in");
        api.MapPost("/sign-in", SignInAsync).AllowAnonymous();
        api.MapPost("/link", RedeemLinkAsync).AllowAnonymous();
        api.MapPost("/sign-out", async (HttpContext http, PersonSessions sessions, AccessAudit audit) =>
        {
            await sessions.EndAsync(http);
            audit.SignedOut(AccessClaims.Actor(http.User));
            return Results.NoContent();
        }).RequireAuthorization();
        api.MapGet("/me", (HttpContext http, AccessBookCopy book) => Results.Ok(PersonSessions.Describe(http.User, book))).RequireAuthorization();
        api.MapPut("/password", ChangePasswordAsync).RequireAuthorization().WithMetadata(Command.Ingest.Http.CallerRateClass.Commands);
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext http, SignInGate gate, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<SignInRequest>(http.Request, json.Value.SerializerOptions, ct);
        if (error is not null)
        {
            return error;
        }

        if (string.IsNullOrEmpty(body!.UserName) || string.IsNullOrEmpty(body.Password))
        {
            return ApiError.Invalid([
                .. string.IsNullOrEmpty(body.UserName) ? [new FieldError("userName", "missing-field", "the user name to sign in as is required")] : Array.Empty<FieldError>(),
                .. string.IsNullOrEmpty(body.Password) ? [new FieldError("password", "missing-field", "the password is required")] : Array.Empty<FieldError>(),
            ]);
        }

        return await gate.WithPasswordAsync(http, body.UserName, body.Password);
    }

    private static async Task<IResult> RedeemLinkAsync(HttpContext http, SignInGate gate, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<LinkRequest>(http.Request, json.Value.SerializerOptions, ct);
        if (error is not null)
        {
            return error;
        }

        return string.IsNullOrEmpty(body!.Code)
            ? ApiError.Invalid([new FieldError("code", "missing-field", "the code of the one-time sign-in link")])
            : await gate.WithLinkAsync(http, body.Code);
    }

    private static async Task<IResult> ChangePasswordAsync(
        HttpContext http, IGrainFactory grains, IPasswordHasher<Person> hasher, SignInGate gate, PersonSessions sessions, [FromKeyedServices(AccessClock.Key)] TimeProvider clock, AccessAudit audit,
        IOptions<JsonOptions> json, CancellationToken ct)
    {
        if (!AccessClaims.IsPerson(http.User))
        {
            return Results.Json(new AccessRefused("not-a-person", "only a signed-in person has a password; tokens are revoked and issued anew"), statusCode: StatusCodes.Status403Forbidden);
        }

        var (body, error) = await JsonBody.ReadAsync<PasswordChange>(http.Request, json.Value.SerializerOptions, ct);
        if (error is not null)
        {
            return error;
        }

        if (AccessNames.PasswordProblem(body!.NewPassword) is { } problem)
        {
            return ApiError.Invalid([new FieldError("newPassword", "invalid-value", problem)]);
        }

        var access = grains.GetGrain<IAccessGrain>(IAccessGrain.Key);
        var person = await access.FindPerson(AccessClaims.Actor(http.User));
        if (person is null)
        {
            return Results.NotFound(new ApiError("unknown-person", "you are no longer in the access book"));
        }

        // Someone who signed in with the first-run link has no password yet, and sets their first one here.
        if (await gate.CurrentPasswordAsync(http, person, body.CurrentPassword) is { } wrong)
        {
            return wrong;
        }

        // The change ends all this person's sessions, this one's too, but this browser is given the new cookie, and the
        // book keeps this session as that one in the same change: the pages this browser has open on any host (the
        // dashboard in another tab) carry on under it rather than being sent to sign in. Those of any other browser close.
        var session = sessions.NewSession();
        var kept = http.User.FindFirst(AccessClaims.Session)?.Value ?? "";
        if (await access.ChangeOwnPassword(person.UserName, hasher.HashPassword(person, body.NewPassword!), kept, session.Id, session.Expires, clock.GetUtcNow()) is { } refusal)
        {
            return Results.BadRequest(new ApiError(refusal.Reason, refusal.Detail));
        }

        audit.AccessChanged(person.UserName, "changed their own password");
        var changed = await access.FindPerson(person.UserName);
        return Results.Ok(await sessions.StartAsync(http, changed!.Entry, session));
    }
}
