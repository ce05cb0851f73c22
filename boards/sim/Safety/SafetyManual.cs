using nanoFramework.BMS.Acquisition;
using System.Globalization;
using System.Text;
using nanoFramework.BMS.Profile;

namespace nanoFramework.BMS.Sim.Safety;

/// <summary>
/// Writes the generated part of docs/safety.md from the presets' limit tables, the reaction
/// budget and reaction times measured by running every fault scenario in the simulator.
/// </summary>
public static class SafetyManual
{
    public const string Marker = "<!-- Everything below is generated from the code's tables: dotnet run --project boards/sim -- safety-manual --write docs/safety.md -->";
    public const int ReferenceRateHz = 100;

    public static string Generate()
    {
        var text = new StringBuilder();
        text.AppendLine(Marker);
        foreach (var chemistry in new[] { Chemistry.Nmc, Chemistry.Lfp })
            AppendChemistry(text, chemistry);
        AppendParameters(text, ProfilePresets.Nmc(4, 2, 3f, ReferenceRateHz));
        return text.ToString().Replace("\r\n", "\n");
    }

    /// <summary>Replaces everything after the marker in the document (or appends it).</summary>
    public static string Apply(string document)
    {
        int at = document.IndexOf(Marker, StringComparison.Ordinal);
        string head = at < 0 ? document.TrimEnd() + "\n\n" : document[..at];
        return head + Generate();
    }

    private static void AppendChemistry(StringBuilder text, Chemistry chemistry)
    {
        var profile = ProfilePresets.For(chemistry, 4, 2, 3f, ReferenceRateHz);
        string name = chemistry.ToString().ToUpperInvariant();
        text.AppendLine();
        text.AppendLine($"## {name} preset: limits at {ReferenceRateHz} Hz ({profile.CellCount} cells, {profile.ThermistorCount} sensors)");
        text.AppendLine();
        text.AppendLine("Currents in C (multiples of the capacity in Ah); the clear value is the limit minus the hysteresis (plus, for lower limits).");
        text.AppendLine();
        text.AppendLine("| fault | code | condition | operating | recommended | maximum | hysteresis | debounce ms (op / rec / max) | worst case ms | measured ms | clear |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var fault in FaultsInOrder(profile))
        {
            var rows = profile.Limits.Where(r => r.Fault == fault).ToList();
            var max = rows.SingleOrDefault(r => r.Tier == Tier.Maximum);
            var op = rows.SingleOrDefault(r => r.Tier == Tier.Operating);
            var rec = rows.SingleOrDefault(r => r.Tier == Tier.Recommended);
            string worst = ReactionBudget.WorstCaseMs(profile, fault)?.ToString(CultureInfo.InvariantCulture) ?? "at start-up";
            string measured = Measured(chemistry, fault);
            string condition = max == null ? Condition(fault) : Condition(max);
            string debounce = max == null ? "-" : string.Join(" / ", new[] { op, rec, max }.Select(r => r == null ? "-" : r.DebounceMs.ToString(CultureInfo.InvariantCulture)));
            text.AppendLine($"| `{FaultNames.Name(fault)}` | {(int)fault} | {condition} | {Value(op, profile)} | {Value(rec, profile)} | {Value(max, profile)} | {Hysteresis(max, profile)} | {debounce} | {worst} | {measured} | {Clearing(fault)} |");
        }
    }

    private static void AppendParameters(StringBuilder text, PackProfile profile)
    {
        var s = profile.Safety;
        text.AppendLine();
        text.AppendLine("## Sequencing, plausibility and fail-safe parameters (both presets)");
        text.AppendLine();
        text.AppendLine("| parameter | value |");
        text.AppendLine("|---|---|");
        Row(text, "plausible cell voltage", $"{s.MinPlausibleCellMillivolts:0} to {s.MaxPlausibleCellMillivolts:0} mV; outside is `cell_voltage_implausible`, never an over- or under-voltage");
        Row(text, "thermistor rail margin", $"{s.ThermistorRailCounts} counts from either end of the 12-bit range; closer is `thermistor_implausible`, never a temperature");
        Row(text, "temperature scan", $"each thermistor read at least every {SafetyParameters.TemperatureScanMs} ms, round-robin: at {ReferenceRateHz} Hz with 8 sensors {ScanText(profile, 8)}, with 2 sensors {ScanText(profile, 2)}");
        Row(text, "charging detected above", $"{s.ChargeDetectAmps:0.###} A (the charge window then applies)");
        Row(text, "stuck current", $"a reading repeated bit for bit while above {s.StuckMinAmps:0.###} A");
        Row(text, "pack voltage tolerance", $"{s.PackVoltageToleranceMillivolts:0} mV between the sum of the cells and the measured pack voltage");
        Row(text, "precharge", $"until the load side reaches {s.PrechargeTargetRatio:0.##} of the pack voltage, {s.PrechargeTimeoutMs} ms per attempt, {s.PrechargeRetries} retries {s.PrechargeRetryPauseMs} ms apart");
        Row(text, "weld detection", $"after an open: current above {s.WeldCurrentAmps:0.###} A at {s.WeldCurrentCheckMs} ms, or the load side above {s.WeldVoltageRatio:0.##} of the pack at {s.WeldVoltageCheckMs} ms");
        Row(text, "cycle overrun", $"cycle starts more than {s.CycleOverrunPeriods} periods apart");
        Row(text, "watchdog", $"outputs drop when the cycle has not fed it for {s.WatchdogTimeoutMs} ms (worst case {ReactionBudget.WatchdogWorstCaseMs(profile)} ms at {ReferenceRateHz} Hz)");
    }

    private static string ScanText(PackProfile profile, int sensors)
    {
        var p = new PackProfile { ThermistorCount = sensors, SampleRateHz = ReferenceRateHz, Safety = profile.Safety };
        int perCycle = PackSampler.ThermistorsPerCycle(p);
        return $"{perCycle} a cycle, a sensor's wait up to {(PackSampler.TemperatureScanCycles(p) - 1) * p.PeriodMs} ms";
    }

    private static void Row(StringBuilder text, string name, string value) =>
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {value} |"));

    /// <summary>Faults in code order: the table's rows, then the faults that have no row.</summary>
    private static IEnumerable<FaultId> FaultsInOrder(PackProfile profile) =>
        Enum.GetValues<FaultId>().Where(f => f != FaultId.None).OrderBy(f => (int)f);

    private static string Measured(Chemistry chemistry, FaultId fault)
    {
        var result = ScenarioRunner.Run(FaultScenarios.For(fault), chemistry, ReferenceRateHz);
        if (!result.Latched)
            return "did not trip";
        return FaultScenarios.For(fault).Start == ScenarioStart.AtBoot
            ? "at start-up"
            : result.SafeAfterMs.ToString(CultureInfo.InvariantCulture);
    }

    private static string Value(LimitRule? rule, PackProfile profile)
    {
        if (rule == null)
            return "-";
        if (QuantityUnits.IsFlag(rule.Quantity))
            return "yes";
        return Format(rule.Quantity, rule.Limit, profile);
    }

    private static string Hysteresis(LimitRule? rule, PackProfile profile) =>
        rule == null || QuantityUnits.IsFlag(rule.Quantity) ? "-" : Format(rule.Quantity, rule.Hysteresis, profile);

    private static string Format(Quantity quantity, float value, PackProfile profile)
    {
        string unit = QuantityUnits.Unit(quantity);
        return unit == "A"
            ? string.Create(CultureInfo.InvariantCulture, $"{value / profile.CapacityAh:0.##} C")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.##} {unit.Replace("degC", "°C")}");
    }

    private static string Condition(LimitRule rule) => rule.Quantity switch
    {
        Quantity.MaxCellMillivolts => "highest cell above",
        Quantity.MinCellMillivolts => "lowest cell below",
        Quantity.MaxCelsiusWhileCharging => "hottest sensor above, while charging",
        Quantity.MinCelsiusWhileCharging => "coldest sensor below, while charging",
        Quantity.MaxCelsius => "hottest sensor above",
        Quantity.MinCelsius => "coldest sensor below",
        Quantity.ChargeAmps => rule.DebounceMs >= 1000 ? "charge current above (slow stage: sustained)" : "charge current above (fast stage)",
        Quantity.DischargeAmps => rule.DebounceMs >= 1000 ? "discharge current above (slow stage: sustained)" : "discharge current above (fast stage)",
        Quantity.CelsiusRisePerSecond => "any sensor rising faster than, over 1 s",
        Quantity.CellOutOfRange => "a cell tap reads outside the plausible range (open or shorted)",
        Quantity.ThermistorAtRail => "a thermistor reads at an ADC rail (open or shorted)",
        Quantity.CurrentSensorFailed => "no fresh current reading (no acknowledge, timeout, short read)",
        Quantity.CurrentStuck => "the current reading repeats exactly while current flows",
        Quantity.PackVoltageMismatch => "sum of cells and pack voltage disagree",
        Quantity.CellAdcFailed => "a cell channel fails to convert",
        Quantity.ThermistorAdcFailed => "a thermistor channel fails to convert",
        _ => rule.Quantity.ToString(),
    };

    private static string Condition(FaultId fault) => fault switch
    {
        FaultId.StoredFaultsUnreadable => "the stored fault blob fails its checksum at start-up",
        FaultId.PrechargeFailed => "the load side does not reach the precharge target in any attempt",
        FaultId.ContactorWelded => "current or load-side voltage remains after an open",
        FaultId.InternalError => "an exception escapes a control cycle",
        FaultId.CycleOverrun => "control cycles start too far apart",
        FaultId.SelfTestFailed => "a power-on self-test check fails",
        FaultId.ConfigFallback => "a stored configuration slot is damaged or invalid at start-up (an older slot or the defaults run)",
        _ => "",
    };

    private static string Clearing(FaultId fault) => fault switch
    {
        _ when FaultNames.ClearsOnlyAtConsole(fault) => "condition gone, then `clear` at the console only",
        FaultId.InternalError or FaultId.CycleOverrun or FaultId.StoredFaultsUnreadable or FaultId.PrechargeFailed or FaultId.ConfigFallback => "`clear` (an event: nothing to wait for)",
        FaultId.SelfTestFailed => "`clear` after `selftest` passes",
        _ => "condition back past the clear value, then `clear`",
    };
}
