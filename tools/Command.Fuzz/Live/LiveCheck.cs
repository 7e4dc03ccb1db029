using System.Globalization;
using System.Net;

namespace Command.Fuzz.Live;

/// <summary>
/// The live verb end to end: readies the clean reports on the host (with an admin's token, before anything is sent, so
/// a token the host refuses costs no run), sends each protocol's mutated messages, then checks that /health answers and
/// that each clean report lands, and revokes the device identifier it issued.
/// </summary>
public static class LiveCheck
{
    /// <summary>
    /// The environment variable that holds the admin's bearer token the tool presents. Not an option: other local users
    /// can read a process's command line.
    /// </summary>
    public const string TokenVariable = "COMMAND_TOKEN";

    /// <summary>Exit code when the host could not be readied or asked: nothing was checked.</summary>
    public const int NotChecked = 2;

    public static async Task<int> RunAsync(LiveFuzzArguments arguments, string? token, TextWriter output, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            await output.WriteLineAsync($"Set {TokenVariable} to an admin's token of the host: the clean reports checked after the run need a device identifier issued and their units enrolled, and are read back through the API. Nothing was sent.");
            return NotChecked;
        }

        var host = IPAddress.Parse(arguments.Host);
        var protocols = LiveProtocol.All().Where(p => arguments.Protocol == FuzzCommand.All || p.Name == arguments.Protocol).ToList();
        using var api = new HttpClient { BaseAddress = arguments.Api, Timeout = TimeSpan.FromSeconds(10) };
        api.DefaultRequestHeaders.Authorization = new("Bearer", token.Trim());
        var check = new CleanReportCheck(api, host);
        CleanReportsReady ready;
        try
        {
            ready = await check.ReadyAsync(protocols, arguments.Incident, cancellationToken);
        }
        catch (Exception e) when (e is CleanReportsRefusedException or HttpRequestException)
        {
            await output.WriteLineAsync($"{e.Message} Nothing was sent.");
            return NotChecked;
        }

        try
        {
            var fuzzer = new LiveFuzzer(host, arguments.Count, arguments.Seed, arguments.PerSender, arguments.Parallel);
            foreach (var protocol in protocols)
            {
                var rate = arguments.Rate > 0 ? new SendingRate(arguments.Rate) : null;
                var run = await fuzzer.RunAsync(protocol, arguments.Ports[protocol.Name], rate is null ? null : rate.WaitAsync, cancellationToken);
                await output.WriteLineAsync(FormattableString.Invariant(
                    $"{run.Protocol}: {run.Messages} messages from {run.Senders} senders in {run.Elapsed.TotalSeconds:F2} s = {run.MessagesPerSecond:F0} messages/s"));
                foreach (var (name, n) in run.Tally.Counts())
                {
                    await output.WriteLineAsync(FormattableString.Invariant($"  {name,-28} {n,10}"));
                }
            }

            var health = await check.HealthAsync(cancellationToken);
            await output.WriteLineAsync($"/health: {health}");
            var failed = !health.StartsWith("200", StringComparison.Ordinal);
            foreach (var protocol in ready.Protocols)
            {
                var landed = await check.LandsAsync(protocol, arguments.Ports[protocol.Name], ready.Lat, ready.Lon, cancellationToken);
                await output.WriteLineAsync(landed is { } after
                    ? string.Create(CultureInfo.InvariantCulture, $"clean {protocol.Name} report ({protocol.CleanUnit}) landed in {after.TotalSeconds:F2} s")
                    : $"clean {protocol.Name} report ({protocol.CleanUnit}) did not land within {CleanReportCheck.Within.TotalSeconds} s");
                failed |= landed is null;
            }

            return failed ? 1 : 0;
        }
        catch (CleanReportsRefusedException e)
        {
            await output.WriteLineAsync(e.Message);
            return NotChecked;
        }
        finally
        {
            try
            {
                await check.ForgetAsync(ready, CancellationToken.None);
            }
            catch (Exception e) when (e is CleanReportsRefusedException or HttpRequestException)
            {
                await output.WriteLineAsync($"{e.Message} Revoke it in the access page.");
            }
        }
    }
}
