using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.Tests.Fakes;

/// <summary>
/// An MQTT session in memory: the test decides whether the broker is reachable, hands in
/// commands and reads what was published. With Record off it only counts, allocating nothing,
/// for the allocation test.
/// </summary>
public sealed class FakeMqttTransport : IMqttTransport
{
    public sealed record Published(string Topic, byte[] Payload, int Qos, bool Retain);

    public bool BrokerUp = true;
    public bool Record = true;
    public int Connects;
    public int PublishCount;
    public int FailPublishesAfter = int.MaxValue;
    public string? WillTopic;
    public byte[]? Will;
    public readonly List<string> Subscriptions = [];
    public readonly List<Published> Messages = [];
    public readonly Queue<byte[]> Incoming = new();
    private bool _connected;

    public bool IsConnected => _connected && BrokerUp;

    public bool Connect(string clientId, string willTopic, byte[] willPayload, int willLength, int keepAliveSeconds)
    {
        if (!BrokerUp)
            return false;
        Connects++;
        _connected = true;
        if (Record)
        {
            WillTopic = willTopic;
            Will = willPayload.AsSpan(0, willLength).ToArray();
        }

        return true;
    }

    public bool Publish(string topic, byte[] payload, int length, int qos, bool retain)
    {
        if (!IsConnected || PublishCount >= FailPublishesAfter)
            return false;
        PublishCount++;
        if (Record)
            Messages.Add(new Published(topic, payload.AsSpan(0, length).ToArray(), qos, retain));
        return true;
    }

    public bool Subscribe(string topic, int qos)
    {
        if (!IsConnected)
            return false;
        if (Record)
            Subscriptions.Add(topic);
        return true;
    }

    public int Receive(byte[] buffer)
    {
        if (!IsConnected || Incoming.Count == 0)
            return -1;
        byte[] message = Incoming.Dequeue();
        Array.Copy(message, buffer, Math.Min(message.Length, buffer.Length));
        return message.Length;
    }

    public void Disconnect() => _connected = false;

    public IEnumerable<Published> On(string topic) => Messages.Where(m => m.Topic == topic);
}
