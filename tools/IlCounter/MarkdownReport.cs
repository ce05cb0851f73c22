using System.Globalization;
using System.Text;

namespace nanoFramework.BMS.IlCounter;

/// <summary>
/// The report as markdown: what the tool prints and what it writes into docs/performance.md.
/// Only counts appear in it, never times, so the same build always renders the same text.
/// </summary>
public static class MarkdownReport
{
    public const int TopMethods = 15;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Render(IReadOnlyList<CycleCost> costs)
    {
        var md = new StringBuilder();
        md.AppendLine($"Firmware build: {costs[0].FirmwareConfiguration}. Counts are IL instructions executed inside the firmware assembly; ports and mscorlib are not counted (their calls are listed as calls out). "
            + "One second of telemetry is `TelemetryProducer.Emit` in the cycle (encoding the message into the ring): on the board with the local uplink the message is then handed to the port in the same cycle (`LocalUplink.HandOver`, counted with the control work); on the MQTT board the uplink thread's pass publishes it (`MqttUplink.Service`), counted with it.");
        md.AppendLine();
        md.AppendLine("| profile | steady-state cycle IL, mean | control work IL, max of any cycle | budget | firmware calls per cycle | calls out per cycle | bytes allocated | one second of telemetry IL, max | budget | uplink thread IL a second | all work IL a second |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var cost in costs)
        {
            bool budgeted = CycleBudget.AppliesTo(cost.Profile);
            string title = CycleBudget.IsEsp32(cost.Profile) ? $"**{cost.Profile.Title}** (the ESP32's)" : cost.Profile.Title;
            md.AppendLine($"| {title} | {Number(cost.SteadyInstructions.Mean)} | {Number(cost.ControlInstructions.Max)} | {(budgeted ? Number(CycleBudget.MaxControlInstructions) : "-")} "
                + $"| {Number(cost.SteadyCalls.Mean)} | {Number(cost.SteadyCallsOut.Mean)} | {Number(cost.AllocatedBytes)} "
                + $"| {Number(cost.PublishInstructions.Max)} | {(budgeted ? Number(CycleBudget.MaxPublishInstructions) : "-")} "
                + $"| {(cost.Uplink == null ? "-" : Number(cost.Uplink.InstructionsPerSecond))} | {Number(cost.InstructionsPerCycleOverall * cost.Profile.SampleRateHz)} |");
        }

        foreach (var cost in costs)
            RenderProfile(md, cost);
        return md.ToString();
    }

    private static void RenderProfile(StringBuilder md, CycleCost cost)
    {
        var uplink = cost.Uplink;
        md.AppendLine();
        md.AppendLine($"### {cost.Profile.Title}");
        md.AppendLine();
        md.Append($"{Number(cost.MeasuredCycles)} cycles ({Number(cost.MeasuredCycles / cost.Profile.SampleRateHz)} s of pack time) after {Number(cost.WarmUpCycles)} warm-up cycles: "
            + $"{Number(cost.SteadyCycles)} steady-state cycles, {Number(cost.TelemetryCycles)} that encoded telemetry");
        md.AppendLine(uplink == null ? "." : $"; {Number(uplink.Passes)} passes of the uplink thread (one every {Number(uplink.PassMs)} ms), {Number(uplink.PublishPasses)} that published telemetry.");
        md.AppendLine();
        md.AppendLine("| per cycle | mean | min | max |");
        md.AppendLine("|---|---:|---:|---:|");
        Row(md, "steady-state cycle: IL instructions", cost.SteadyInstructions);
        Row(md, "steady-state cycle: calls into firmware methods", cost.SteadyCalls);
        Row(md, "steady-state cycle: calls out (ports, mscorlib)", cost.SteadyCallsOut);
        Row(md, "control work of every cycle (once-a-second telemetry work excluded): IL", cost.ControlInstructions);
        Row(md, "telemetry cycle: IL instructions, all of it", cost.TelemetryCycleInstructions);
        if (uplink == null)
        {
            Row(md, "telemetry cycle: encoding the message (TelemetryProducer.Emit, inclusive): IL", cost.EncodeInstructions);
        }
        else
        {
            Row(md, "telemetry cycle: encoding the message into the ring (TelemetryProducer.Emit, inclusive): IL", cost.EncodeInstructions);
            Row(md, "uplink thread: the pass that publishes it (MqttUplink.Service, inclusive): IL", uplink.PublishPassInstructions);
            Row(md, "uplink thread: an idle pass: IL", uplink.IdlePassInstructions);
            Row(md, "one second of telemetry: encoding plus publishing pass: IL", cost.PublishInstructions);
            md.AppendLine($"| uplink thread: IL a second, idle passes included | {Number(uplink.InstructionsPerSecond)} | | |");
        }

        md.AppendLine($"| one second of telemetry amortised over the cycles of its second: IL | {Number(cost.PublishInstructionsAmortised)} | | |");
        md.AppendLine(uplink == null
            ? $"| allocated bytes, steady-state cycles / telemetry cycles (total) | {Number(cost.SteadyAllocatedBytes)} / {Number(cost.TelemetryAllocatedBytes)} | | |"
            : $"| allocated bytes, steady-state cycles / telemetry cycles / uplink passes (total) | {Number(cost.SteadyAllocatedBytes)} / {Number(cost.TelemetryAllocatedBytes)} / {Number(uplink.AllocatedBytes)} | | |");

        md.AppendLine();
        md.AppendLine($"Top {TopMethods} methods of the steady-state cycle, by IL executed in the method's own body:");
        MethodTable(md, cost.SteadyMethods, "per cycle");

        md.AppendLine();
        md.AppendLine($"Top {TopMethods} methods of the telemetry cycle (the whole cycle, control work included):");
        MethodTable(md, cost.TelemetryMethods, "per telemetry cycle");

        if (uplink != null)
        {
            md.AppendLine();
            md.AppendLine($"Top {TopMethods} methods of the uplink thread's pass that publishes the message:");
            MethodTable(md, uplink.PublishPassMethods, "per pass");
        }

        md.AppendLine();
        md.AppendLine("Calls out of the firmware per steady-state cycle (each is a native or port call on the device):");
        md.AppendLine();
        md.AppendLine("| target | per cycle |");
        md.AppendLine("|---|---:|");
        foreach (var target in cost.SteadyCallsOutByTarget)
            md.AppendLine($"| `{target.Target}` | {Number(target.PerCycle)} |");
    }

    private static void MethodTable(StringBuilder md, IReadOnlyList<MethodCost> methods, string per)
    {
        double total = methods.Sum(m => m.SelfPerCycle);
        md.AppendLine();
        md.AppendLine($"| method | calls {per} | own IL {per} | share | IL per call, callees included |");
        md.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var method in methods.Take(TopMethods))
        {
            md.AppendLine($"| `{method.Method}` | {Number(method.CallsPerCycle)} | {Number(method.SelfPerCycle)} "
                + $"| {(method.SelfPerCycle / total * 100).ToString("0.0", Invariant)} % | {Number(method.InclusivePerCall)} |");
        }
    }

    private static void Row(StringBuilder md, string what, Stat stat) =>
        md.AppendLine($"| {what} | {Number(stat.Mean)} | {Number(stat.Min)} | {Number(stat.Max)} |");

    /// <summary>Thousands separated; one decimal only when the value is not whole.</summary>
    public static string Number(double value)
    {
        double rounded = Math.Round(value, 1);
        return rounded == Math.Floor(rounded) ? rounded.ToString("#,0", Invariant) : rounded.ToString("#,0.0", Invariant);
    }
}
