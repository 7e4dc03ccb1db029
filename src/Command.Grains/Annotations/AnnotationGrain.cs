using System.Collections.Immutable;
using Command.Domain.Annotations;

namespace Command.Grains.Annotations;

/// <summary>Keeps a session's annotations through the <see cref="IAnnotationLog"/> port, reading them back on activation.</summary>
public sealed class AnnotationGrain(IAnnotationLog log) : Grain, IAnnotationGrain
{
    private ImmutableArray<Annotation> kept = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        kept = await log.ReadAsync(this.GetPrimaryKeyString(), cancellationToken);

    public async Task<Annotation> Add(Annotation annotation)
    {
        if (AnnotationRules.Check(annotation) is { } wrong)
        {
            throw new ArgumentException(wrong, nameof(annotation));
        }

        if (kept.Length >= AnnotationRules.MaxPerSession)
        {
            throw new ArgumentException($"the session holds {AnnotationRules.MaxPerSession} annotations, the most it may", nameof(annotation));
        }

        var numbered = annotation with { Number = kept.Length + 1 };
        await log.AppendAsync(this.GetPrimaryKeyString(), numbered, CancellationToken.None);
        kept = kept.Add(numbered);
        return numbered;
    }

    public Task<ImmutableArray<Annotation>> List() => Task.FromResult(kept);
}
