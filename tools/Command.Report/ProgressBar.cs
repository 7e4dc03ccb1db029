namespace Command.Report;

/// <summary>A text progress bar on stderr, redrawn in place; only shown for sessions big enough to wait for.</summary>
internal sealed class ProgressBar(long total, TextWriter error) : IProgress<long>
{
    /// <summary>Sessions smaller than this read in a blink: no bar. 16 MiB.</summary>
    public const long Threshold = 16L * 1024 * 1024;

    private const int Width = 40;
    private int lastPercent = -1;

    public void Report(long value)
    {
        var percent = total <= 0 ? 100 : (int)Math.Min(100, value * 100 / total);
        if (percent == lastPercent)
        {
            return;
        }

        lastPercent = percent;
        var filled = percent * Width / 100;
        error.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}% {value / (1024 * 1024)} of {total / (1024 * 1024)} MiB");
        if (percent == 100)
        {
            error.WriteLine();
        }
    }
}
