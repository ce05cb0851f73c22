using nanoFramework.BMS.Uplink;

namespace nanoFramework.BMS.IlCounter;

/// <summary>
/// The budget of issue 8, for the largest, fastest pack (16 cells, 8 thermistors, 100 Hz). At
/// 27-81 kHz for a GPIO toggle loop, the ESP32 interpreter runs very roughly a million IL
/// instructions a second; 2,500 per cycle at 100 Hz leaves most of the CPU to the network stack.
/// It is held on the board the ESP32 runs (an MQTT port, no local uplink) in the telemetry mode it
/// ships with; the other boards and modes are measured against it and reported, and the tests
/// hold them to ceilings.
/// </summary>
public static class CycleBudget
{
    public const int Cells = 16;
    public const int Thermistors = 8;
    public const int SampleRateHz = 100;

    /// <summary>Any control cycle without its once-per-second telemetry work, no fault: sample, protect, contactor, enqueue, console.</summary>
    public const long MaxControlInstructions = 2_500;

    /// <summary>Encoding one second of telemetry and handing the message to the network (on the MQTT board: the uplink thread's publishing pass).</summary>
    public const long MaxPublishInstructions = 20_000;

    public const long MaxSteadyAllocatedBytes = 0;

    /// <summary>
    /// The telemetry the ESP32 board ships with: aggregate mode (each channel's minimum, maximum and
    /// mean per interval), the cheaper of the two formats to encode.
    /// </summary>
    public static readonly MqttTelemetry Esp32 = new(PayloadFormat.Cbor, TelemetryMode.Aggregate);

    /// <summary>The budget's pack shape, on any board.</summary>
    public static bool AppliesTo(MeasuredProfile profile) =>
        profile.Cells == Cells && profile.Thermistors == Thermistors && profile.SampleRateHz == SampleRateHz;

    /// <summary>The profile the budget is held to: the budget's pack on the ESP32's board and mode.</summary>
    public static bool IsEsp32(MeasuredProfile profile) => AppliesTo(profile) && profile.Mqtt == Esp32;

    /// <summary>Every way the cost breaks the budget, in words; empty when it keeps to it.</summary>
    public static List<string> Violations(CycleCost cost)
    {
        var problems = new List<string>();
        if (cost.AllocatedBytes > MaxSteadyAllocatedBytes)
            problems.Add($"{cost.Profile.Title}: {cost.AllocatedBytes} bytes allocated by the cycles and uplink passes, budget {MaxSteadyAllocatedBytes}");
        if (!AppliesTo(cost.Profile))
            return problems;
        if (cost.ControlInstructions.Max > MaxControlInstructions)
            problems.Add($"{cost.Profile.Title}: up to {cost.ControlInstructions.Max:N0} IL instructions per control cycle, budget {MaxControlInstructions:N0}");
        if (cost.PublishInstructions.Max > MaxPublishInstructions)
            problems.Add($"{cost.Profile.Title}: up to {cost.PublishInstructions.Max:N0} IL instructions to encode and publish one second of telemetry, budget {MaxPublishInstructions:N0}");
        return problems;
    }
}
