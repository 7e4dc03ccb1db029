using System.Text;
using System.Text.Json;
using Command.Domain.Events;

namespace Command.Domain.Tests.Events;

public sealed class ShortNumberTests
{
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("n");

    [Theory]
    [InlineData(0.0)]
    [InlineData(5.0)]
    [InlineData(0.3)]
    [InlineData(0.1 + 0.2)]
    [InlineData(44.0012345)]
    [InlineData(-100.9876543)]
    [InlineData(0.0001)]
    [InlineData(0.00001)]
    [InlineData(0.00012345678)]
    [InlineData(99_999_999.9999999)]
    [InlineData(100_000_000.0)]
    [InlineData(1e21)]
    [InlineData(43.998198198198196)]
    [InlineData(double.MaxValue)]
    [InlineData(double.Epsilon)]
    public void Written_exactly_as_the_json_writer_writes_it(double value) =>
        Assert.Equal(General(value), Short(value));

    [Fact]
    public void Negative_zero_is_written_as_the_json_writer_writes_it() =>
        Assert.Equal(General(-0.0), Short(-0.0));

    [Fact]
    public void Random_values_of_every_size_and_number_of_decimals_are_written_exactly_as_the_json_writer_writes_them()
    {
        var random = new Random(3);
        var fast = 0;
        Span<byte> text = stackalloc byte[24];
        for (var i = 0; i < 200_000; i++)
        {
            var magnitude = Math.Pow(10, random.Next(-6, 10));
            var value = Math.Round((random.NextDouble() - 0.5) * 2 * magnitude, random.Next(0, 12));
            Assert.Equal(General(value), Short(value));
            fast += ShortNumber.TryFormat(value, text, out _) ? 1 : 0;
        }

        // Most of them take the integer path, or this would prove nothing about it.
        Assert.True(fast > 100_000, $"{fast} of 200,000 were written from integers");
    }

    private static string General(double value) => Write(w => w.WriteNumber(Name, value));

    private static string Short(double value) => Write(w => ShortNumber.Write(w, Name, value));

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
