using Command.Domain.AfterAction;
using Command.Domain.Exercises;

namespace Command.Domain.Tests.AfterAction;

public sealed class DurationsTests
{
    [Theory]
    [InlineData(0, "0:00")]
    [InlineData(-3, "0:00")]
    [InlineData(59.999, "0:59")]
    [InlineData(270.956, "4:30")]
    [InlineData(3599.9, "59:59")]
    [InlineData(3725.5, "1:02:05")]
    public void A_span_is_printed_as_a_stopwatch_reads_it_truncated_to_the_second(double seconds, string printed) =>
        Assert.Equal(printed, Durations.Clock(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void An_objectives_evidence_prints_a_hold_as_the_report_tables_do()
    {
        // The same 270.956 s hold was 4:30 in the report's table and 4:31 in the AAR's evidence.
        Assert.Equal(Durations.Clock(TimeSpan.FromSeconds(270.956)), ObjectiveProposal.Clock(270.956));
    }
}
