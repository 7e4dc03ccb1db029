using Command.Domain.AfterAction;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Sites;
using Command.Domain.Units;
using Command.Reporting.Ics214;

namespace Command.Reporting.Tests.Ics214;

public sealed class IncidentCommandLogTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Incident_commands_log_names_the_person_enrolled_in_the_command_role()
    {
        var site = new Site("School", new GeoPoint(39.74, -104.99), [], []);
        var fold = new AfterActionFold();
        foreach (var e in new IncidentEvent[]
        {
            new IncidentOpened("inc-1", "Drill", site, true, "cmd") { Time = T0 },
            new UnitEnrolled("P1", "Adam 1", UnitRole.Contact, "cmd", "Ofc. J. Lee", "City PD", "Patrol") { Time = T0 },
            new UnitEnrolled("C1", "Command 1", UnitRole.Command, "cmd", "Lt. R. Ortiz", "County SO", "Incident Commander") { Time = T0.AddSeconds(5) },
        })
        {
            fold.Apply(e);
        }

        var log = Ics214Form.Build(fold.Build(), null, "eval.kim", T0.AddHours(1))[0];

        Assert.True(log.ForIncidentCommand);
        Assert.Equal(("Lt. R. Ortiz", "Incident Commander", "County SO"), (log.Name, log.IcsPosition, log.HomeAgency));
    }

    [Fact]
    public void Incident_commands_log_names_nobody_where_no_command_unit_has_a_persons_name()
    {
        var site = new Site("School", new GeoPoint(39.74, -104.99), [], []);
        var fold = new AfterActionFold();
        fold.Apply(new IncidentOpened("inc-1", "Drill", site, true, "cmd") { Time = T0 });
        fold.Apply(new UnitEnrolled("C1", "Command 1", UnitRole.Command, "cmd") { Time = T0 });
        fold.Apply(new UnitEnrolled("P1", "Adam 1", UnitRole.Contact, "cmd", "Ofc. J. Lee", "City PD", "Patrol") { Time = T0 });

        var log = Ics214Form.Build(fold.Build(), null, "eval.kim", T0.AddHours(1))[0];

        Assert.Equal(("", ""), (log.Name, log.HomeAgency));
    }
}
