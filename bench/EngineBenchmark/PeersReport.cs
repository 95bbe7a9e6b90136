using System.Globalization;
using System.Text;

namespace TaskOrchestration.EngineBenchmark;

/// <summary>The peers mode's report (Markdown): medians over rounds per shape and system, ratios, targets, settings.</summary>
internal static class PeersReport
{
    private const string Ours = "our engine";

    public static string Write(
        PeersOptions options,
        IReadOnlyList<IPeer> peers,
        IReadOnlyList<PeerRow> rows,
        double? raw,
        (int Connections, int Batch) rawShape,
        double? bare,
        string loadAtStart,
        string loadAtEnd)
    {
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));

        Line($"# Our engine beside its peers (bench/engine-peers.sh)");
        Line($"");
        Line($"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mmZ}, {Environment.ProcessorCount} cores, commit {options.Commit}. Load average (1, 5, 15 min) at the start {loadAtStart}, at the end {loadAtEnd}.");
        Line($"");
        Line($"Each row: {options.Jobs:N0} no-op jobs pre-filled, drained by the shape's worker processes after {options.WarmUpJobs:N0} untimed in the same processes; {options.Rounds} round(s), medians. Timed by one rule for every system: from the database's clock when the jobs became claimable to the database's clock at the driver's first look (every 100 ms) that found none left. CPU: the worker processes' user + system time over the same stretch, per job. RSS: the largest peak (VmHWM) of one worker process, warm-up included.");
        Line($"");

        var names = peers.Select(peer => peer.Name).ToList();
        var others = names.Where(name => name != Ours).ToList();
        var ours = names.Contains(Ours);
        Dictionary<(string, PeerShape), PeerRow> medians = rows
            .GroupBy(row => (row.System, row.Shape))
            .ToDictionary(group => group.Key, group => new PeerRow(
                group.Key.System, group.Key.Shape, 0,
                PeersRun.Median(group.Select(row => row.Rate)),
                PeersRun.Median(group.Select(row => row.CpuMicrosecondsPerJob)),
                PeersRun.Median(group.Select(row => row.PeakResidentMiB))));

        if (names.Count > 0)
        {
            var ratios = ours ? others.Select(other => $"ours / {other}").ToList() : [];
            text.AppendLine(CultureInfo.InvariantCulture, $"| Shape (processes × workers) | {string.Join(" | ", names.Select(name => $"{name} jobs/s"))} |{string.Concat(ratios.Select(ratio => $" {ratio} |"))}");
            text.AppendLine(CultureInfo.InvariantCulture, $"|---|{string.Concat(names.Select(_ => "---:|"))}{string.Concat(ratios.Select(_ => "---:|"))}");
            foreach (var shape in options.Shapes)
            {
                var cells = names.Select(name => Format(medians[(name, shape)].Rate, "N0"));
                var ratioCells = ours ? others.Select(other => Format(medians[(Ours, shape)].Rate / medians[(other, shape)].Rate, "0.00") + "×") : [];
                text.AppendLine(CultureInfo.InvariantCulture, $"| {shape} | {string.Join(" | ", cells)} |{string.Concat(ratioCells.Select(cell => $" {cell} |"))}");
            }

            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"| Shape | {string.Join(" | ", names.Select(name => $"{name} CPU µs/job"))} | {string.Join(" | ", names.Select(name => $"{name} peak RSS MiB"))} |");
            text.AppendLine(CultureInfo.InvariantCulture, $"|---|{string.Concat(names.Select(_ => "---:|"))}{string.Concat(names.Select(_ => "---:|"))}");
            foreach (var shape in options.Shapes)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {shape} | {string.Join(" | ", names.Select(name => Format(medians[(name, shape)].CpuMicrosecondsPerJob, "N0")))} | {string.Join(" | ", names.Select(name => Format(medians[(name, shape)].PeakResidentMiB, "N0")))} |");
            }

            text.AppendLine();
        }

        if (raw is { } rawRate)
        {
            Line($"Raw SQL ceiling (our engine's claim and completion statements over Npgsql, no host, {rawShape.Connections} connections, claims of {rawShape.Batch}; the driver's clock around the loops): **{rawRate:N0} jobs/s**.");
        }

        if (bare is { } bareRate)
        {
            Line($"Bare claim-and-complete loop (pgbench, {BareLoop.Clients} clients, batches of {BareLoop.Batch}, bench/engine-peers/bare-loop.sql; from the first claim to the last completion by the rows' clocks): **{bareRate:N0} jobs/s**.");
        }

        text.AppendLine();
        if (ours)
        {
            var best = options.Shapes.Select(shape => medians[(Ours, shape)]).MaxBy(row => row.Rate)!;
            Line($"Targets (issue 20), from these figures:");
            Line($"");
            Line($"- Best shape of our engine: {best.Shape}, {best.Rate:N0} jobs/s.");
            if (raw is { } r)
            {
                Line($"- Against the raw ceiling: {best.Rate / r:P0} (target ≥ 90 %: {(best.Rate / r >= 0.9 ? "met" : "missed")}).");
            }

            if (bare is { } b)
            {
                Line($"- Against the bare loop: {best.Rate / b:P0} (target ≥ 60 %: {(best.Rate / b >= 0.6 ? "met" : "missed")}).");
            }

            foreach (var other in others)
            {
                var factors = options.Shapes.Select(shape => medians[(Ours, shape)].Rate / medians[(other, shape)].Rate).ToList();
                var (target, needed) = other == "Hangfire" ? ("at least 10×", 10.0) : ("ahead", 1.0);
                Line($"- Against {other} at every shape ({target}): {(factors.All(factor => factor >= needed) ? "met" : "missed")} ({string.Join(", ", factors.Select(factor => factor.ToString("0.00", CultureInfo.InvariantCulture) + "×"))}).");
            }

            if (names.Contains("graphile-worker"))
            {
                var oursPeak = options.Shapes.Max(shape => medians[(Ours, shape)].PeakResidentMiB);
                var theirs = options.Shapes.Max(shape => medians[("graphile-worker", shape)].PeakResidentMiB);
                Line($"- Memory, the largest peak RSS of a worker process over the shapes: ours {oursPeak:N0} MiB, graphile-worker's {theirs:N0} MiB (target ≤ theirs + 50 % = {theirs * 1.5:N0}: {(oursPeak <= theirs * 1.5 ? "met" : "missed")}).");
            }

            text.AppendLine();
        }

        Line($"Settings:");
        Line($"");
        foreach (var peer in peers)
        {
            Line($"- **{peer.Name}**: {peer.Settings}.");
        }

        text.AppendLine();
        Line($"Every row, in order (system, shape, round, jobs/s, CPU µs/job, peak RSS MiB):");
        Line($"");
        text.AppendLine("```");
        foreach (var row in rows)
        {
            Line($"{row.System}\t{row.Shape}\t{row.Round}\t{row.Rate:F0}\t{row.CpuMicrosecondsPerJob:F0}\t{row.PeakResidentMiB:F0}");
        }

        text.AppendLine("```");
        return text.ToString();
    }

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
