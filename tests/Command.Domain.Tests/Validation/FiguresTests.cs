using Command.Domain.Validation;

namespace Command.Domain.Tests.Validation;

public sealed class FiguresTests
{
    [Theory]
    [InlineData(-2.5722222222222224, 0, 150, "-2.6")]
    [InlineData(151, 0, 150, "151")]
    [InlineData(150.04, 0, 150, "150.04")]
    [InlineData(-0.04, 0, 150, "-0.04")]
    [InlineData(double.PositiveInfinity, 0, 150, "Infinity")]
    [InlineData(double.NaN, 0, 150, "NaN")]
    [InlineData(1.7e308, -1000, 10000, "1.7E+308")]
    public void A_figure_out_of_range_is_rounded_yet_still_shown_out_of_range(double value, double min, double max, string shown)
    {
        Assert.Equal(shown, Figures.Outside(value, min, max));
    }

    [Theory]
    [InlineData(6, 5, "6")]
    [InlineData(5.2, 5, "5.2")]
    [InlineData(5.04, 5, "5.04")]
    [InlineData(5.0000001, 5, "5.0000001")]
    [InlineData(100400, 300, "100400")]
    public void A_figure_above_its_limit_is_whole_unless_that_would_show_it_at_the_limit(double value, double limit, string shown)
    {
        Assert.Equal(shown, Figures.Above(value, limit));
    }
}
