using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.Sim.Peripherals;

/// <summary>
/// An uplink that keeps the most recent messages, with the simulated time each was handed
/// over, and counts every message per topic. A long run publishes a 13 KB telemetry message
/// per simulated second at 16 cells and 100 Hz: keeping all of them would hold 48 MB per
/// simulated hour and make the garbage collector copy it around.
/// </summary>
public sealed class RecordingUplink(Func<long> nowMs) : IUplink
{
    /// <summary>How many of the latest messages Messages keeps.</summary>
    public const int KeptMessages = 1000;

    private readonly Dictionary<string, int> _counts = [];

    public sealed record Message(string Topic, byte[] Payload, long TimeMs);

    /// <summary>The latest messages, oldest first (at most KeptMessages).</summary>
    public List<Message> Messages { get; } = [];

    public event Action<Message>? Published;

    /// <summary>Every message ever published on the topic, including those no longer kept.</summary>
    public int Count(string topic) => _counts.GetValueOrDefault(topic);

    public bool Publish(string topic, byte[] payload, int length)
    {
        var message = new Message(topic, payload.AsSpan(0, length).ToArray(), nowMs());
        if (Messages.Count >= KeptMessages)
            Messages.RemoveRange(0, KeptMessages / 2);
        Messages.Add(message);
        _counts[topic] = _counts.GetValueOrDefault(topic) + 1;
        Published?.Invoke(message);
        return true;
    }
}
