using nanoFramework.BMS.Uplink;

namespace nanoFramework.BMS.IlCounter;

/// <summary>
/// The telemetry settings of a board with an MQTT port and no local uplink: the ESP32's board.
/// Its uplink thread (MqttUplink.Service) is counted apart from the control cycle.
/// </summary>
public sealed record MqttTelemetry(PayloadFormat Format, TelemetryMode Mode)
{
    public string Title => $"MQTT, {(Mode == TelemetryMode.Aggregate ? "aggregate" : "samples")} mode, {(Format == PayloadFormat.Cbor ? "CBOR" : "JSON")}";
}

/// <summary>A pack shape and board to measure; all run the NMC preset on the synthetic pack.</summary>
public sealed record MeasuredProfile(int Cells, int Thermistors, int SampleRateHz, MqttTelemetry? Mqtt = null)
{
    /// <summary>
    /// The two pack shapes of issue 8 (the smallest common pack and the largest, fastest one) on
    /// the board with the local JSON uplink and on the ESP32's board in the mode it ships with,
    /// and the largest on the ESP32's board in each other MQTT telemetry mode and format.
    /// </summary>
    public static readonly MeasuredProfile[] Standard =
    [
        new(4, 2, 10),
        new(4, 2, 10, CycleBudget.Esp32),
        new(16, 8, 100),
        new(16, 8, 100, new MqttTelemetry(PayloadFormat.Json, TelemetryMode.Samples)),
        new(16, 8, 100, new MqttTelemetry(PayloadFormat.Cbor, TelemetryMode.Samples)),
        new(16, 8, 100, new MqttTelemetry(PayloadFormat.Json, TelemetryMode.Aggregate)),
        new(16, 8, 100, new MqttTelemetry(PayloadFormat.Cbor, TelemetryMode.Aggregate)),
    ];

    public string Shape => $"{Cells} cells, {Thermistors} thermistors, {SampleRateHz} Hz";

    public string Board => Mqtt == null ? "local JSON uplink" : Mqtt.Title;

    public string Title => $"{Shape}, {Board}";

    /// <summary>
    /// Where the once-per-second telemetry work starts in the control cycle: the local encoder's
    /// publish, or the MQTT producer's emit (encoding the message into the telemetry ring).
    /// </summary>
    public string OnceASecondMethod => "TelemetryProducer.Emit";
}
