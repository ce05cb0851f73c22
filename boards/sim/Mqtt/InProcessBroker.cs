using System.Net;
using System.Net.Sockets;
using MQTTnet.Server;

namespace nanoFramework.BMS.Sim.Mqtt;

/// <summary>An MQTTnet broker inside the simulator process on 127.0.0.1, so the demo needs nothing installed.</summary>
public sealed class InProcessBroker : IDisposable
{
    private readonly MqttServer _server;

    private InProcessBroker(MqttServer server, int port)
    {
        _server = server;
        Port = port;
    }

    public int Port { get; }

    public MqttEndpoint Endpoint => new("127.0.0.1", Port);

    public static InProcessBroker Start()
    {
        int port = FreeLoopbackPort();
        var factory = new MqttServerFactory();
        var options = factory.CreateServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointBoundIPV6Address(IPAddress.None)
            .WithDefaultEndpointPort(port)
            .Build();
        var server = factory.CreateMqttServer(options);
        server.StartAsync().GetAwaiter().GetResult();
        return new InProcessBroker(server, port);
    }

    /// <summary>A port the system considers free right now on 127.0.0.1.</summary>
    public static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        _server.StopAsync().GetAwaiter().GetResult();
        _server.Dispose();
    }
}
