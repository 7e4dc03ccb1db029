using Command.Grains.Access;

namespace Command.Grains.Tests.Access;

public sealed class SignInThrottleTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);
    private static readonly SignInLimits Limits = new(3, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(5));

    [Fact]
    public void Failures_from_one_address_shut_out_that_address_and_no_other()
    {
        var throttle = new SignInThrottle();

        var answers = Enumerable.Range(0, 3).Select(i => throttle.Failed("198.51.100.7", "cmdr", Start.AddSeconds(i), Limits)).ToList();

        Assert.Equal([null, null, Start.AddSeconds(2) + Limits.LockOut], answers);
        Assert.Equal(Start.AddSeconds(2) + Limits.LockOut, throttle.LockedUntil("198.51.100.7", Start.AddMinutes(1)));
        Assert.Null(throttle.LockedUntil("127.0.0.1", Start.AddMinutes(1)));
    }

    [Fact]
    public void Failures_older_than_the_window_no_longer_count()
    {
        var throttle = new SignInThrottle();
        throttle.Failed("198.51.100.7", "cmdr", Start, Limits);
        throttle.Failed("198.51.100.7", "cmdr", Start.AddMinutes(1), Limits);

        var third = throttle.Failed("198.51.100.7", "cmdr", Start.AddMinutes(10), Limits);

        Assert.Null(third);
    }

    [Fact]
    public void A_lock_out_ends_when_lifted_or_when_it_runs_out()
    {
        var throttle = new SignInThrottle();
        for (var i = 0; i < 3; i++)
        {
            throttle.Failed("a", "cmdr", Start, Limits);
            throttle.Failed("b", null, Start, Limits);
        }

        Assert.Equal(["a", "b"], throttle.Lockouts(Start).Select(l => l.Address));
        Assert.True(throttle.Unlock("a"));
        Assert.Null(throttle.LockedUntil("a", Start));
        Assert.Null(throttle.LockedUntil("b", Start + Limits.LockOut));
    }

    [Fact]
    public void Signing_in_as_someone_else_between_guesses_forgives_none_of_them()
    {
        // An observer who knows their own password must not be able to guess the commander's without limit.
        var throttle = new SignInThrottle();
        throttle.Failed("198.51.100.7", "cmdr", Start, Limits);
        throttle.Failed("198.51.100.7", "cmdr", Start.AddSeconds(1), Limits);
        throttle.Succeeded("198.51.100.7", "obs2");

        var third = throttle.Failed("198.51.100.7", "cmdr", Start.AddSeconds(2), Limits);

        Assert.Equal(Start.AddSeconds(2) + Limits.LockOut, third);
    }

    [Fact]
    public void Signing_in_forgives_that_persons_own_failures_and_no_others()
    {
        // One address for a whole command post: each one's mistype is forgiven once they get it right.
        var throttle = new SignInThrottle();
        throttle.Failed("198.51.100.7", "Sgt Ruiz", Start, Limits);
        throttle.Failed("198.51.100.7", null, Start.AddSeconds(2), Limits);
        throttle.Succeeded("198.51.100.7", "Sgt Ruiz");

        var next = throttle.Failed("198.51.100.7", "Lt Park", Start.AddSeconds(3), Limits);
        var last = throttle.Failed("198.51.100.7", "Lt Park", Start.AddSeconds(4), Limits);

        Assert.Equal<DateTimeOffset?>([null, Start.AddSeconds(4) + Limits.LockOut], [next, last]);
    }

    [Fact]
    public void Signing_in_does_not_lift_a_lock_out()
    {
        // A sign-in checked just before another request shut the address out must not open it again.
        var throttle = new SignInThrottle();
        for (var i = 0; i < 3; i++)
        {
            throttle.Failed("198.51.100.7", "cmdr", Start, Limits);
        }

        throttle.Succeeded("198.51.100.7", "cmdr");

        Assert.Equal(Start + Limits.LockOut, throttle.LockedUntil("198.51.100.7", Start.AddMinutes(1)));
    }

    [Fact]
    public void No_more_attempts_are_admitted_than_failures_are_left_and_the_next_waits()
    {
        var throttle = new SignInThrottle();
        throttle.Failed("198.51.100.7", "cmdr", Start, Limits);

        var admissions = Enumerable.Range(0, 3).Select(_ => throttle.Admit("198.51.100.7", Start.AddSeconds(1), Limits)).ToList();
        var shut = Enumerable.Range(0, 2).Select(i => throttle.Failed("198.51.100.7", "cmdr", Start.AddSeconds(2 + i), Limits)).ToList();
        var after = throttle.Admit("198.51.100.7", Start.AddSeconds(5), Limits);

        Assert.Equal([SignInAdmission.Admitted, SignInAdmission.Admitted, SignInAdmission.Wait], admissions);
        Assert.Equal([null, Start.AddSeconds(3) + Limits.LockOut], shut);
        Assert.Equal(SignInAdmission.LockedOut(Start.AddSeconds(3) + Limits.LockOut), after);
    }

    [Fact]
    public void A_sign_in_or_an_attempt_given_up_frees_its_place_for_the_next()
    {
        var throttle = new SignInThrottle();
        var first = Enumerable.Range(0, 3).Select(_ => throttle.Admit("198.51.100.7", Start, Limits)).ToList();

        var waiting = throttle.Admit("198.51.100.7", Start, Limits);
        throttle.Succeeded("198.51.100.7", "obs1");
        var afterSignIn = throttle.Admit("198.51.100.7", Start, Limits);
        throttle.Released("198.51.100.7");
        var afterGivenUp = throttle.Admit("198.51.100.7", Start, Limits);

        Assert.All(first, a => Assert.Equal(SignInAdmission.Admitted, a));
        Assert.Equal((SignInAdmission.Wait, SignInAdmission.Admitted, SignInAdmission.Admitted), (waiting, afterSignIn, afterGivenUp));
    }

    [Fact]
    public void An_attempt_never_settled_gives_up_its_place_after_a_minute()
    {
        var throttle = new SignInThrottle();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            throttle.Admit("198.51.100.7", Start, Limits);
        }

        var soon = throttle.Admit("198.51.100.7", Start + SignInThrottle.AdmissionLapses - TimeSpan.FromSeconds(1), Limits);
        var later = throttle.Admit("198.51.100.7", Start + SignInThrottle.AdmissionLapses, Limits);

        Assert.Equal((SignInAdmission.Wait, SignInAdmission.Admitted), (soon, later));
    }
}
