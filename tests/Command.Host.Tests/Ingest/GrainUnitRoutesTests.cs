using System.Reflection;
using Command.Domain.Units;
using Command.Grains.Units;
using Command.Host.Ingest;
using Microsoft.Extensions.Time.Testing;

namespace Command.Host.Tests.Ingest;

/// <summary>
/// Radio reports are routed by the unit grains' enrolments. A unit whose grain cannot be asked (its host died, and the
/// cluster has not yet moved it) keeps its last known route; one never routed cannot be, and says so.
/// </summary>
public sealed class GrainUnitRoutesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 14, 15, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_unit_whose_grain_cannot_be_asked_keeps_its_last_known_route()
    {
        var grains = UnitGrains.Answering(_ => Task.FromResult<UnitRecord?>(Enrolled("P1", "drill-east")));
        var routes = new GrainUnitRoutes(grains.Factory, clock);
        var before = await routes.IncidentOfAsync("P1", Ct);

        clock.Advance(GrainUnitRoutes.Lifetime + TimeSpan.FromSeconds(1));
        grains.Answer = _ => Task.FromException<UnitRecord?>(new TimeoutException("the silo it lived on is gone"));
        var during = await routes.IncidentOfAsync("P1", Ct);

        Assert.Equal(("drill-east", "drill-east"), (before, during));
        Assert.Equal(2, grains.Asked);
    }

    [Fact]
    public async Task A_unit_enrolled_nowhere_is_routed_to_the_incident_its_first_report_enrolled_it_in_at_its_next()
    {
        // Its first report, from another drill's site, enrolled it there; its next, a moment later and a little off that
        // site, must go there too, not to the listener's incident, which refuses it as enrolled elsewhere.
        var grains = UnitGrains.Answering(_ => Task.FromResult<UnitRecord?>(null));
        var routes = new GrainUnitRoutes(grains.Factory, clock);
        var first = await routes.IncidentOfAsync("ANDROID-1", Ct);

        grains.Answer = _ => Task.FromResult<UnitRecord?>(Enrolled("ANDROID-1", "drill-north"));
        clock.Advance(TimeSpan.FromSeconds(1));
        var next = await routes.IncidentOfAsync("ANDROID-1", Ct);

        Assert.Equal((null, "drill-north"), (first, next));
    }

    [Fact]
    public async Task A_unit_enrolled_nowhere_whose_grain_cannot_be_asked_goes_where_it_went()
    {
        var grains = UnitGrains.Answering(_ => Task.FromResult<UnitRecord?>(null));
        var routes = new GrainUnitRoutes(grains.Factory, clock);
        await routes.IncidentOfAsync("ANDROID-2", Ct);

        grains.Answer = _ => Task.FromException<UnitRecord?>(new TimeoutException("the silo it lived on is gone"));
        var during = await routes.IncidentOfAsync("ANDROID-2", Ct);

        Assert.Equal((null, 2), (during, grains.Asked));
    }

    [Fact]
    public async Task A_unit_never_routed_whose_grain_cannot_be_asked_is_not_routed()
    {
        var grains = UnitGrains.Answering(_ => Task.FromException<UnitRecord?>(new TimeoutException("the silo it lived on is gone")));
        var routes = new GrainUnitRoutes(grains.Factory, clock);

        var failed = await Assert.ThrowsAsync<TimeoutException>(async () => await routes.IncidentOfAsync("P2", Ct));

        Assert.Equal("the silo it lived on is gone", failed.Message);
    }

    private static UnitRecord Enrolled(string unitId, string incidentId) =>
        new(unitId, unitId, UnitRole.Contact, incidentId, new DateTimeOffset(2026, 3, 14, 14, 0, 0, TimeSpan.Zero), null);

    /// <summary>A grain factory that hands out unit grains answering <see cref="Answer"/>, and counts the questions.</summary>
    public class UnitGrains : DispatchProxy
    {
        public Func<string, Task<UnitRecord?>> Answer { get; set; } = _ => Task.FromResult<UnitRecord?>(null);

        public int Asked { get; private set; }

        public static UnitGrains Answering(Func<string, Task<UnitRecord?>> answer)
        {
            var factory = Create<IGrainFactory, UnitGrains>();
            var grains = (UnitGrains)(object)factory;
            grains.Answer = answer;
            return grains;
        }

        public IGrainFactory Factory => (IGrainFactory)(object)this;

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod is { Name: nameof(IGrainFactory.GetGrain), IsGenericMethod: true } && targetMethod.GetGenericArguments()[0] == typeof(IUnitGrain))
            {
                var unit = UnitGrain.Create<IUnitGrain, UnitGrain>();
                ((UnitGrain)(object)unit).Asked = () =>
                {
                    Asked++;
                    return Answer((string)args![0]!);
                };
                return unit;
            }

            throw new NotSupportedException($"{targetMethod?.Name} is not asked of the grain factory by the routes");
        }
    }

    /// <summary>A unit grain whose <see cref="IUnitGrain.Get"/> is the test's answer.</summary>
    public class UnitGrain : DispatchProxy
    {
        public Func<Task<UnitRecord?>> Asked { get; set; } = () => Task.FromResult<UnitRecord?>(null);

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod?.Name == nameof(IUnitGrain.Get) ? Asked() : throw new NotSupportedException($"{targetMethod?.Name} is not asked of a unit grain by the routes");
    }
}
