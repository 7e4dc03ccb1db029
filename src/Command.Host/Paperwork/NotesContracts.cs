namespace Command.Host.Paperwork;

/// <summary>
/// POST /api/sessions/{id}/notes. The note is about the replay's instant when <paramref name="ReplayId"/> names an open
/// replay of the session, else about <paramref name="About"/> when given, else about the live incident's clock now.
/// </summary>
/// <param name="Text">The observation.</param>
/// <param name="Mark">strength, area-for-improvement or observation (the default).</param>
/// <param name="UnitId">The unit it is about, if one; one the session never had is refused.</param>
/// <param name="ObjectiveId">The objective it is evidence for, if one; one the session never had is refused.</param>
/// <param name="About">The incident time it is about.</param>
/// <param name="ReplayId">The replay it was written in.</param>
public sealed record NoteRequest(string? Text, string? Mark, string? UnitId, string? ObjectiveId, DateTimeOffset? About, string? ReplayId);

/// <summary>
/// POST /api/sessions/{id}/ratings: confirm the proposed rating or change it (performed, some-challenges,
/// major-challenges, unable; or P, S, M, U). Changing it takes a <paramref name="Reason"/>, which the AAR/IP prints
/// beside it; confirming it does not.
/// </summary>
public sealed record RatingRequest(string? ObjectiveId, string? Rating, string? Reason);

/// <summary>GET /api/sessions/{id}/ratings: an objective, the rating the report proposes and the evidence for it, and the decision that counts so far.</summary>
/// <param name="ObjectiveId">The objective.</param>
/// <param name="Title">What it says.</param>
/// <param name="Proposed">The rating proposed from the recording; null where it proposes none (yet).</param>
/// <param name="Evidence">Each measure's evidence, as the AAR/IP prints it.</param>
/// <param name="Decided">The latest evaluator's decision; null before any.</param>
public sealed record ObjectiveRating(string ObjectiveId, string Title, Command.Domain.Exercises.ExerciseRating? Proposed, IReadOnlyList<string> Evidence, Command.Domain.Annotations.RatingDecided? Decided);

/// <summary>
/// PUT /api/incidents/{id}/exercise: the scenario run and the objectives rated, which replace those set before.
/// <paramref name="Objectives"/> must be given: <c>[]</c> sets none.
/// </summary>
public sealed record ExerciseRequest(string? Scenario, string? Version, List<ObjectiveDto?>? Objectives);

/// <summary>An objective as the API carries it, with at least one measure.</summary>
public sealed record ObjectiveDto(string? Id, string? Title, List<MeasureDto?>? Measures);

/// <summary>A measure and its bands, seconds from the threat going active.</summary>
public sealed record MeasureDto(string? Measure, double? PerformedS, double? SomeChallengesS, double? MajorChallengesS);

/// <summary>POST /api/incidents/{id}/flags/{subject}/send: the unit to send in instead of the flagged one.</summary>
public sealed record SendRequest(string? UnitId);
