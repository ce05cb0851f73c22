using System.Buffers;
using MQTTnet;
using MQTTnet.Protocol;
namespace nanoFramework.BMS.Sim.Mqtt;

/// <summary>
/// The cloud side: a separate MQTTnet client that records every message it receives and sends
/// commands. The simulator's demo uses it to show what arrived; the tests decode what it got.
/// </summary>
public sealed class CloudClient : IDisposable
{
    public sealed record Received(string Topic, byte[] Payload, bool Retain);

    private readonly MqttEndpoint _endpoint;
    private readonly string[] _filters;
    private readonly IMqttClient _client;
    private readonly List<Received> _messages = [];

    public CloudClient(MqttEndpoint endpoint, params string[] filters)
    {
        _endpoint = endpoint;
        _filters = filters;
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += e =>
        {
            lock (_messages)
                _messages.Add(new Received(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray(), e.ApplicationMessage.Retain));
            return Task.CompletedTask;
        };
        Connect();
    }

    public List<Received> Messages
    {
        get
        {
            lock (_messages)
                return [.. _messages];
        }
    }

    /// <summary>Connects (again, after a broker restart) and subscribes at QoS 1.</summary>
    public void Connect()
    {
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(_endpoint.Host, _endpoint.Port)
            .WithClientId("cloud-" + Guid.NewGuid().ToString("N")[..8])
            .WithCleanSession(true)
            .WithTimeout(TimeSpan.FromSeconds(5))
            .Build();
        _client.ConnectAsync(options).GetAwaiter().GetResult();
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (string filter in _filters)
            subscribe = subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        _client.SubscribeAsync(subscribe.Build()).GetAwaiter().GetResult();
    }

    public void Publish(string topic, byte[] payload) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build()).GetAwaiter().GetResult();

    public List<Received> On(string topic) => Messages.Where(m => m.Topic == topic).ToList();

    /// <summary>Waits in real time for the broker to deliver; throws TimeoutException after the timeout.</summary>
    public void WaitFor(Func<List<Received>, bool> done, string what, double seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!done(Messages))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("timed out waiting for " + what);
            Thread.Sleep(10);
        }
    }

    public void Dispose()
    {
        try
        {
            if (_client.IsConnected)
                _client.DisconnectAsync().GetAwaiter().GetResult();
        }
        catch (Exception)
        {
        }

        _client.Dispose();
    }
}
