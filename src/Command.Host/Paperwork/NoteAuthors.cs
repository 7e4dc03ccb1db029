using System.Security.Claims;
using Command.Domain.Annotations;
using Command.Host.Access;

namespace Command.Host.Paperwork;

/// <summary>
/// The caller as a note's author: the name the record shows, and the identity behind it from this host's copy of the
/// access book (a person's id, which someone added again under a removed person's name does not inherit; a token's id).
/// </summary>
public static class NoteAuthors
{
    /// <summary>The caller as an author, or null for a person this copy of the book no longer holds (removed a moment ago).</summary>
    public static NoteAuthor? Of(ClaimsPrincipal caller, AccessBookCopy book)
    {
        var name = AccessClaims.Actor(caller);
        switch (AccessClaims.Kind(caller))
        {
            case AccessClaims.PersonCredential:
                // The credential check passed on this very stamp: the entry under the name is the person who signed in.
                return book.Person(name) is { } person && caller.FindFirst(AccessClaims.Stamp)?.Value == person.Stamp.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    ? new NoteAuthor(name, $"person:{person.Id}", person.CreatedAt)
                    : null;
            case AccessClaims.TokenCredential:
                var id = caller.FindFirst(AccessClaims.TokenId)?.Value ?? "";
                return new NoteAuthor(name, $"token:{id}", book.Book.Tokens.FirstOrDefault(t => t.Id == id)?.CreatedAt ?? DateTimeOffset.MinValue);
            default:
                // The bootstrap token is configuration, not a book entry: whoever holds it is it.
                return new NoteAuthor(name, name, DateTimeOffset.MinValue);
        }
    }

    /// <summary>The answer to a caller who is no longer in the book by the time their note is to be kept.</summary>
    public static IResult Gone(ClaimsPrincipal caller) => Results.Json(
        RefusalAnswers.Unauthenticated($"'{caller.Identity?.Name}' is no longer in the access book"), statusCode: StatusCodes.Status401Unauthorized);
}
