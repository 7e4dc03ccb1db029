namespace Command.Domain.AfterAction;

/// <summary>
/// What a comparison says at its top of one run whose figures are not a finished run's, in the words of its exports:
/// <paramref name="Said"/> under <paramref name="Label"/> ("Draft: Run 2: the incident was still open …"). Every view of a
/// comparison shows these words, so that the page and the exports cannot come to say it differently.
/// </summary>
/// <param name="Run">The run, from 1.</param>
/// <param name="Kind">"draft" for a run of an incident still open, "damaged" for one whose recording is damaged.</param>
/// <param name="Label">What it is said under: <see cref="AfterActionWords.DraftLabel"/> or <see cref="AfterActionWords.DamagedLabel"/>.</param>
/// <param name="Said">The words, naming the run.</param>
public sealed record RunCaution(int Run, string Kind, string Label, string Said);
