using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.Sim.Mqtt;

/// <summary>
/// The firmware's MQTT port on MQTTnet, the simulator's stand-in for nanoFramework's M2Mqtt.
/// Blocking, with a timeout on every call, as the firmware's uplink thread expects; never
/// throws. Received command payloads wait in a queue until the firmware polls them.
/// </summary>
public sealed class MqttNetTransport : IMqttTransport, IDisposable
{
    private readonly MqttEndpoint _endpoint;
    private readonly TimeSpan _timeout;
    private readonly IMqttClient _client;
    private readonly ConcurrentQueue<byte[]> _received = new();

    public MqttNetTransport(MqttEndpoint endpoint, TimeSpan? timeout = null)
    {
        _endpoint = endpoint;
        _timeout = timeout ?? TimeSpan.FromSeconds(3);
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += e =>
        {
            _received.Enqueue(System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload));
            return Task.CompletedTask;
        };
    }

    public bool IsConnected => _client.IsConnected;

    /// <summary>Publishes that returned true, for the simulator's summary.</summary>
    public int Published { get; private set; }

    public long PublishedBytes { get; private set; }

    public bool Connect(string clientId, string willTopic, byte[] willPayload, int willLength, int keepAliveSeconds)
    {
        try
        {
            if (_client.IsConnected)
                Run(ct => _client.DisconnectAsync(new MqttClientDisconnectOptions(), ct));
            var builder = new MqttClientOptionsBuilder()
                .WithTcpServer(_endpoint.Host, _endpoint.Port)
                .WithProtocolVersion(MqttProtocolVersion.V311)
                .WithClientId(clientId)
                .WithCleanSession(true)
                .WithKeepAlivePeriod(TimeSpan.FromSeconds(keepAliveSeconds))
                .WithTimeout(_timeout)
                .WithWillTopic(willTopic)
                .WithWillPayload(willPayload.AsSpan(0, willLength).ToArray())
                .WithWillRetain(true)
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
            if (_endpoint.User != null)
                builder = builder.WithCredentials(_endpoint.User, _endpoint.Password ?? "");
            if (_endpoint.Tls)
                builder = builder.WithTlsOptions(o => o.UseTls());
            var result = Run(ct => _client.ConnectAsync(builder.Build(), ct));
            return result.ResultCode == MqttClientConnectResultCode.Success;
        }
        catch (Exception)
        {
            return false;
        }
    }

    public bool Publish(string topic, byte[] payload, int length, int qos, bool retain)
    {
        try
        {
            // A copy: the firmware reuses its buffer as soon as this returns.
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(payload.AsSpan(0, length).ToArray())
                .WithQualityOfServiceLevel(qos == 0 ? MqttQualityOfServiceLevel.AtMostOnce : MqttQualityOfServiceLevel.AtLeastOnce)
                .WithRetainFlag(retain)
                .Build();
            var result = Run(ct => _client.PublishAsync(message, ct));
            if (!result.IsSuccess)
                return false;
            Published++;
            PublishedBytes += length;
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }

    public bool Subscribe(string topic, int qos)
    {
        try
        {
            var options = new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(topic, qos == 0 ? MqttQualityOfServiceLevel.AtMostOnce : MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            var result = Run(ct => _client.SubscribeAsync(options, ct));
            return result.Items.All(i => (int)i.ResultCode <= 2);
        }
        catch (Exception)
        {
            return false;
        }
    }

    public int Receive(byte[] buffer)
    {
        if (!_received.TryDequeue(out var message))
            return -1;
        Array.Copy(message, buffer, Math.Min(message.Length, buffer.Length));
        return message.Length;
    }

    public void Disconnect()
    {
        try
        {
            if (_client.IsConnected)
                Run(ct => _client.DisconnectAsync(new MqttClientDisconnectOptions(), ct));
        }
        catch (Exception)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        Disconnect();
        _client.Dispose();
    }

    /// <summary>Drops the connection without an MQTT DISCONNECT, as a power cut would: the broker then publishes the will.</summary>
    public void Abort() => _client.Dispose();

    private T Run<T>(Func<CancellationToken, Task<T>> call)
    {
        using var cts = new CancellationTokenSource(_timeout);
        return call(cts.Token).GetAwaiter().GetResult();
    }

    private void Run(Func<CancellationToken, Task> call)
    {
        using var cts = new CancellationTokenSource(_timeout);
        call(cts.Token).GetAwaiter().GetResult();
    }
}
