using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.Sim.Mqtt;

/// <summary>A session that is always up and keeps every publish: for measuring what the firmware sends.</summary>
public sealed class RecordingMqttTransport : IMqttTransport
{
    public sealed record Message(string Topic, byte[] Payload);

    public List<Message> Messages { get; } = [];

    public bool IsConnected => true;

    public bool Connect(string clientId, string willTopic, byte[] willPayload, int willLength, int keepAliveSeconds) => true;

    public bool Publish(string topic, byte[] payload, int length, int qos, bool retain)
    {
        Messages.Add(new Message(topic, payload.AsSpan(0, length).ToArray()));
        return true;
    }

    public bool Subscribe(string topic, int qos) => true;

    public int Receive(byte[] buffer) => -1;

    public void Disconnect()
    {
    }
}
