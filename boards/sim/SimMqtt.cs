using nanoFramework.BMS.Sim.Mqtt;
using nanoFramework.BMS.Uplink;

namespace nanoFramework.BMS.Sim;

/// <summary>
/// The simulated board's MQTT side for a run: the broker (in-process on 127.0.0.1 unless
/// --broker names one), the firmware's MQTTnet session, the uplink thread that the ESP32 board
/// will also have, and a cloud client that records what arrives and can send signed commands.
/// </summary>
public sealed class SimMqtt : IDisposable
{
    private readonly InProcessBroker? _broker;
    private Thread? _uplinkThread;
    private MqttUplink? _uplink;

    public SimMqtt(SimOptions options)
    {
        Settings = options.UplinkSettings();
        var external = options.BrokerEndpoint();
        if (external == null)
            _broker = InProcessBroker.Start();
        Endpoint = external ?? _broker!.Endpoint;
        Transport = new MqttNetTransport(Endpoint);
        Cloud = new CloudClient(Endpoint, "bms/#");
        Commands = new CommandBuilder("pack1", Settings.CommandKey);
    }

    public MqttEndpoint Endpoint { get; }
    public UplinkSettings Settings { get; }
    public MqttNetTransport Transport { get; }
    public CloudClient Cloud { get; }
    public CommandBuilder Commands { get; }

    /// <summary>Commands the cloud client sent; Drain waits for their acks.</summary>
    public int CommandsSent { get; private set; }

    public void SendCommand(string topic, byte[] payload)
    {
        CommandsSent++;
        Cloud.Publish(topic, payload);
    }

    /// <summary>Starts the uplink thread of the firmware's uplink: the control cycle only enqueues.</summary>
    public void Start(MqttUplink uplink)
    {
        _uplink = uplink;
        _uplinkThread = new Thread(uplink.RunLoop) { IsBackground = true, Name = "uplink" };
        _uplinkThread.Start();
    }

    /// <summary>Waits (real time, bounded) until the uplink has connected, or until it took a command off the session.</summary>
    public bool WaitUntil(Func<MqttUplink, bool> condition, double seconds = 5)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (_uplink != null && !condition(_uplink))
        {
            if (DateTime.UtcNow > deadline)
                return false;
            Thread.Sleep(2);
        }

        return true;
    }

    /// <summary>Lets the backlog go out (a few real seconds at most), then stops the uplink thread.</summary>
    public void Drain()
    {
        if (_uplink == null)
            return;
        var deadline = DateTime.UtcNow.AddSeconds(5);
        string ackTopic = _uplink.AckTopic;
        while ((_uplink.QueuedTelemetry > 0 || _uplink.QueuedAlerts > 0 || Cloud.On(ackTopic).Count < CommandsSent) && _uplink.Connected && DateTime.UtcNow < deadline)
            Thread.Sleep(10);
        int expected = _uplink.TelemetrySequence - _uplink.TelemetryDropped;
        string topic = _uplink.TelemetryTopic;
        try
        {
            Cloud.WaitFor(m => m.Count(x => x.Topic == topic) >= expected, "telemetry", 2);
        }
        catch (TimeoutException)
        {
            // The summary reports what did arrive.
        }

        _uplink.Stop();
        _uplinkThread?.Join();
        _uplink = null;
    }

    public void Dispose()
    {
        Drain();
        Cloud.Dispose();
        Transport.Dispose();
        _broker?.Dispose();
    }
}
