using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.Sim.Peripherals;

/// <summary>An uplink that keeps every message, with the simulated time it was handed over.</summary>
public sealed class RecordingUplink(Func<long> nowMs) : IUplink
{
    public sealed record Message(string Topic, byte[] Payload, long TimeMs);

    public List<Message> Messages { get; } = [];

    public event Action<Message>? Published;

    public bool Publish(string topic, byte[] payload, int length)
    {
        var message = new Message(topic, payload.AsSpan(0, length).ToArray(), nowMs());
        Messages.Add(message);
        Published?.Invoke(message);
        return true;
    }
}
