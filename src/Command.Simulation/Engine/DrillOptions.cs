using System.Globalization;
using Command.Domain.Validation;

namespace Command.Simulation.Engine;

/// <summary>How a drill is played.</summary>
public sealed record DrillOptions
{
    /// <summary>Slowest allowed <see cref="Speed"/>: a quarter of real time.</summary>
    public const double MinSpeed = InputLimits.MinDrillSpeed;

    /// <summary>Fastest allowed <see cref="Speed"/>: a minute of drill per second.</summary>
    public const double MaxSpeed = InputLimits.MaxDrillSpeed;

    /// <summary>
    /// Drill seconds per wall-clock second, 0.25–60. Default 1. Fix times stay on the wall clock, so at speed k
    /// units appear to the host to move k times faster than scripted (a 3 m/s runner at 10× covers 30 m per
    /// received second); keep k × the fastest scripted speed under the host's implied-speed limit (80 m/s).
    /// Scripted durations shrink by k on the host's clock too: a 4-minute hold at 10× lasts 24 s of fix time.
    /// </summary>
    public double Speed { get; init; } = 1;

    /// <summary>Seed for jitter, noise and outliers; the same seed gives the same reports. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Restart the script when it ends, so a demo runs until stopped. Default false.</summary>
    public bool Loop { get; init; }

    /// <summary>Wall-clock time between ticks; each tick sends the reports due since the last. Default 500 ms.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Throws when a value is outside its documented range.</summary>
    public void Validate()
    {
        CheckSpeed(Speed);
        if (TickInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(TickInterval), TickInterval, "The tick interval must be positive.");
        }
    }

    /// <summary>
    /// Why a drill cannot be played at <paramref name="speed"/>, in a sentence a person asking for it can act on
    /// ("speed 0 is outside 0.25-60 drill seconds to each second"); null when it can.
    /// </summary>
    public static string? SpeedProblem(double speed) => speed is >= MinSpeed and <= MaxSpeed
        ? null
        : string.Create(CultureInfo.InvariantCulture, $"speed {Figures.Outside(speed, MinSpeed, MaxSpeed, decimals: 2)} is outside {MinSpeed}-{MaxSpeed} drill seconds to each second");

    internal static void CheckSpeed(double speed)
    {
        if (SpeedProblem(speed) is { } problem)
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, problem);
        }
    }
}
