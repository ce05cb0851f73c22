using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Profile;

namespace nanoFramework.BMS.Sim.Safety;

/// <summary>
/// The documented worst-case reaction of every fault: from the moment the condition exists to
/// the control cycle that de-energises the outputs (for a welded contactor: to the fault, since
/// nothing can open it). Derived from the profile's table, so docs/safety.md and the scenario
/// tests cannot disagree with the code.
/// </summary>
public static class ReactionBudget
{
    /// <summary>Worst-case reaction in ms; null for faults found at start-up, before the contactor may close.</summary>
    public static long? WorstCaseMs(PackProfile profile, FaultId fault)
    {
        int periodMs = profile.PeriodMs;
        var safety = profile.Safety;
        var rule = profile.Limits.FirstOrDefault(r => r.Fault == fault && r.Tier == Tier.Maximum);
        if (rule != null)
        {
            // The first sample that sees the condition comes at most one period after it
            // appears, and the debounce's last sample (samples - 1) periods after that.
            long ms = (long)rule.DebounceSamples(periodMs) * periodMs;

            // A temperature sensor is read at its turn in the scan (PackSampler.ThermistorsPerCycle).
            long scanWaitMs = (long)(PackSampler.TemperatureScanCycles(profile) - 1) * periodMs;
            if (IsTemperature(rule.Quantity))
                ms += scanWaitMs;

            // A rise is measured over a one-second window sampled on a 250 ms grid, each slot
            // taken at the first scan completed at or after its time, so up to a scan period
            // late: a step to just above the limit needs the whole window, plus one slot, to show
            // in full, the newest slot a scan period late; and the rises are computed at the
            // scan's rate after the slot (RiseTracker).
            long scanPeriodMs = (long)PackSampler.TemperatureScanCycles(profile) * periodMs;
            if (rule.Quantity == Quantity.CelsiusRisePerSecond)
                ms += RiseTracker.Slots * RiseTracker.SlotMs + scanPeriodMs + scanWaitMs;
            return ms;
        }

        return fault switch
        {
            FaultId.PrechargeFailed => (long)(safety.PrechargeRetries + 1) * safety.PrechargeTimeoutMs
                                      + (long)safety.PrechargeRetries * safety.PrechargeRetryPauseMs + 2 * periodMs,
            FaultId.ContactorWelded => safety.WeldCurrentCheckMs + 2 * periodMs,
            FaultId.InternalError => periodMs,
            // Flagged at the first cycle after the stall; a stall longer than the watchdog's
            // timeout is ended by the watchdog, which drops the outputs itself.
            FaultId.CycleOverrun => WatchdogWorstCaseMs(profile),
            _ => null,
        };
    }

    private static bool IsTemperature(Quantity quantity) => quantity is Quantity.MaxCelsius or Quantity.MinCelsius
        or Quantity.MaxCelsiusWhileCharging or Quantity.MinCelsiusWhileCharging or Quantity.CelsiusRisePerSecond
        or Quantity.ThermistorAtRail or Quantity.ThermistorAdcFailed;

    /// <summary>The watchdog: outputs drop when the cycle has not fed it for the timeout.</summary>
    public static long WatchdogWorstCaseMs(PackProfile profile) => profile.Safety.WatchdogTimeoutMs + profile.PeriodMs;
}
