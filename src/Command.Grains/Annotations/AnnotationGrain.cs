using System.Collections.Immutable;
using Command.Domain.Annotations;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace Command.Grains.Annotations;

/// <summary>
/// Keeps a session's annotations through the <see cref="IAnnotationLog"/> port, reading them back on activation, and
/// tells the hosts that watch them of each one kept.
/// </summary>
public sealed class AnnotationGrain(IAnnotationLog log, ILogger<AnnotationGrain> logger) : Grain, IAnnotationGrain
{
    /// <summary>How long a subscription stands without renewal: 2 minutes, as an incident's.</summary>
    public static readonly TimeSpan ObserverExpiry = TimeSpan.FromMinutes(2);

    private readonly ObserverManager<IAnnotationObserver> observers = new(ObserverExpiry, logger);
    private ImmutableArray<Annotation> kept = [];

    private string IncidentId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        kept = await log.ReadAsync(IncidentId, cancellationToken);

    public Task<AnnotationAnswer> Add(Annotation annotation)
    {
        if (annotation is NoteAmended or NoteWithdrawn)
        {
            throw new ArgumentException("an amendment or a withdrawal is kept by Amend or Withdraw, which check the note it names", nameof(annotation));
        }

        if (AnnotationRules.Check(annotation) is { } wrong)
        {
            throw new ArgumentException(wrong, nameof(annotation));
        }

        // Decided here, where annotations are kept one at a time: requests sent at once each see the ones before.
        if (annotation is EvaluatorNote note && NoteBook.Repeated(kept, note) is { } earlier)
        {
            return Task.FromResult(new AnnotationAnswer(earlier, null, Repeated: true));
        }

        return KeepAsync(annotation, null);
    }

    public Task<AnnotationAnswer> Amend(long note, NoteEdit edit, string? reason, NoteAuthor author, DateTimeOffset written, bool mayChangeAny)
    {
        var (amendment, refused) = NoteBook.Amend(kept, IncidentId, note, edit, reason, author, written, mayChangeAny);
        return KeepAsync(amendment, refused);
    }

    public Task<AnnotationAnswer> Withdraw(long note, string reason, NoteAuthor author, DateTimeOffset written, bool mayChangeAny)
    {
        var (withdrawal, refused) = NoteBook.Withdraw(kept, IncidentId, note, reason, author, written, mayChangeAny);
        return KeepAsync(withdrawal, refused);
    }

    public Task<ImmutableArray<Annotation>> List() => Task.FromResult(kept);

    public Task<bool> Subscribe(IAnnotationObserver observer)
    {
        var added = !observers.Observers.ContainsKey(observer);
        observers.Subscribe(observer, observer);
        return Task.FromResult(added);
    }

    public Task Unsubscribe(IAnnotationObserver observer)
    {
        observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    // Keeps what was decided, unless the session holds the most it may: then nothing is kept, and the caller is told so.
    private async Task<AnnotationAnswer> KeepAsync(Annotation? annotation, AnnotationRefusal? refused)
    {
        if (annotation is null)
        {
            return new(null, refused);
        }

        if (AnnotationRules.Room(IncidentId, kept.Length) is { } full)
        {
            return new(null, full);
        }

        var numbered = annotation with { Number = kept.Length + 1 };
        await log.AppendAsync(IncidentId, numbered, CancellationToken.None);
        kept = kept.Add(numbered);
        await observers.Notify(o => o.OnAnnotated(IncidentId, numbered.Number));
        return new(numbered, null);
    }
}
