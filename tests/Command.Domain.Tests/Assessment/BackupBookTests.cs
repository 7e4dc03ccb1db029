using Command.Domain.Assessment;

namespace Command.Domain.Tests.Assessment;

public sealed class BackupBookTests
{
    [Fact]
    public void Backup_eta_is_the_soonest_other_unit_to_come_level()
    {
        var book = new BackupBook();
        book.Set("lead", 40, 2, closingNow: true);
        book.Set("near", 100, 3, closingNow: true);
        book.Set("far", 300, 10, closingNow: true);

        // The lead unit waits for "near" (60 m at 3 m/s) rather than "far" (260 m at 10 m/s).
        Assert.Equal(20, book.For("lead", 40)?.Seconds);
        Assert.Equal(0, book.For("near", 100)?.Seconds);
        Assert.Equal(0, book.For("far", 300)?.Seconds);
    }

    [Fact]
    public void The_soonest_backup_says_how_far_behind_it_is_and_whether_it_is_closing()
    {
        // Its ETA is what it would be at the assumed approach speed were it to move up; it is holding 20 m back.
        var book = new BackupBook();
        book.Set("lead", 184, 2, closingNow: false);
        book.Set("behind", 204, 2, closingNow: false);
        book.Set("coming", 400, 2.5, closingNow: true);

        Assert.Equal(new BackupEta(10, 20, false), book.For("lead", 184));
        Assert.Equal("nearest backup 20 m behind, not closing", Reasons.Backup(book.For("lead", 184)));
        book.Remove("behind");
        Assert.Equal("nearest backup 86 s out", Reasons.Backup(book.For("lead", 184)));
        Assert.Equal("backup level or ahead", Reasons.Backup(book.For("coming", 400)));
    }

    [Fact]
    public void Nearest_unit_moving_back_hands_the_lead_to_the_next()
    {
        var book = new BackupBook();
        book.Set("a", 10, 2, closingNow: true);
        book.Set("b", 20, 2, closingNow: true);
        book.Set("c", 30, 2, closingNow: true);
        Assert.Equal(5, book.For("a", 10)?.Seconds);

        book.Set("a", 50, 2, closingNow: true);

        Assert.Equal(0, book.For("a", 50)?.Seconds);
        Assert.Equal(5, book.For("b", 20)?.Seconds);
        book.Remove("b");
        Assert.Equal(10, book.For("c", 30)?.Seconds);
        book.Remove("a");
        Assert.Null(book.For("c", 30));
    }

    [Fact]
    public void Answers_match_a_pass_over_every_unit_through_any_sequence_of_moves()
    {
        var random = new Random(2026);
        var book = new BackupBook();
        var truth = new Dictionary<string, (double Distance, double Speed)>();
        for (var step = 0; step < 20_000; step++)
        {
            var id = $"u{random.Next(40)}";
            switch (random.Next(10))
            {
                case 0:
                    book.Remove(id);
                    truth.Remove(id);
                    break;
                case 1:
                    book.Clear();
                    truth.Clear();
                    break;
                default:
                    // Whole metres make ties (units level with each other) common.
                    var entry = (Distance: (double)random.Next(200), Speed: 0.5 + random.Next(5));
                    book.Set(id, entry.Distance, entry.Speed, closingNow: true);
                    truth[id] = entry;
                    break;
            }

            var asked = $"u{random.Next(40)}";
            var distance = truth.TryGetValue(asked, out var own) ? own.Distance : random.Next(200);
            Assert.Equal(Expected(truth, asked, distance), book.For(asked, distance)?.Seconds);
        }
    }

    private static double? Expected(Dictionary<string, (double Distance, double Speed)> units, string self, double distance)
    {
        var etas = units.Where(u => u.Key != self).Select(u => Math.Max(0, u.Value.Distance - distance) / u.Value.Speed).ToList();
        return etas.Count == 0 ? null : etas.Min();
    }
}
