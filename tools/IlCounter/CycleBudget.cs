namespace nanoFramework.BMS.IlCounter;

/// <summary>
/// The budget of issue 8, for the largest, fastest pack (16 cells, 8 thermistors, 100 Hz). At
/// 27-81 kHz for a GPIO toggle loop, the ESP32 interpreter runs very roughly a million IL
/// instructions a second; 2,500 per cycle at 100 Hz leaves most of the CPU to the network stack.
/// </summary>
public static class CycleBudget
{
    public const int Cells = 16;
    public const int Thermistors = 8;
    public const int SampleRateHz = 100;

    /// <summary>Any control cycle without its telemetry publish, no fault: sample, protect, contactor, enqueue, console.</summary>
    public const long MaxControlInstructions = 2_500;

    /// <summary>Encoding one second of samples and handing the message to the uplink.</summary>
    public const long MaxPublishInstructions = 20_000;

    public const long MaxSteadyAllocatedBytes = 0;

    public static bool AppliesTo(MeasuredProfile profile) =>
        profile.Cells == Cells && profile.Thermistors == Thermistors && profile.SampleRateHz == SampleRateHz;

    /// <summary>Every way the cost breaks the budget, in words; empty when it keeps to it.</summary>
    public static List<string> Violations(CycleCost cost)
    {
        var problems = new List<string>();
        if (cost.SteadyAllocatedBytes + cost.TelemetryAllocatedBytes > MaxSteadyAllocatedBytes)
            problems.Add($"{cost.Profile.Title}: {cost.SteadyAllocatedBytes + cost.TelemetryAllocatedBytes} bytes allocated by the cycles, budget {MaxSteadyAllocatedBytes}");
        if (!AppliesTo(cost.Profile))
            return problems;
        if (cost.ControlInstructions.Max > MaxControlInstructions)
            problems.Add($"{cost.Profile.Title}: up to {cost.ControlInstructions.Max:N0} IL instructions per control cycle, budget {MaxControlInstructions:N0}");
        if (cost.PublishInstructions.Max > MaxPublishInstructions)
            problems.Add($"{cost.Profile.Title}: up to {cost.PublishInstructions.Max:N0} IL instructions to encode and publish one second of telemetry, budget {MaxPublishInstructions:N0}");
        return problems;
    }
}
