namespace nanoFramework.BMS.Sim.Mqtt;

/// <summary>Where the simulated board's MQTT session goes: the board's business, never the firmware's.</summary>
public sealed record MqttEndpoint(string Host, int Port)
{
    public string? User { get; init; }
    public string? Password { get; init; }
    public bool Tls { get; init; }

    public override string ToString() => $"{(Tls ? "mqtts" : "mqtt")}://{Host}:{Port}";
}
