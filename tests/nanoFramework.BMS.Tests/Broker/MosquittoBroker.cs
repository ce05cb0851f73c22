using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using nanoFramework.BMS.Sim.Mqtt;

namespace nanoFramework.BMS.Tests.Broker;

/// <summary>
/// A real mosquitto on a free 127.0.0.1 port with a generated configuration: loopback listener
/// only, anonymous clients allowed (a test broker), no persistence, so a restart loses every
/// session and queued message as a real outage would. tests/run.sh installs mosquitto.
/// </summary>
public sealed class MosquittoBroker : IDisposable
{
    private readonly string _directory;
    private readonly string _config;
    private readonly StringBuilder _log = new();
    private Process? _process;

    public MosquittoBroker()
    {
        Port = InProcessBroker.FreeLoopbackPort();
        _directory = Directory.CreateTempSubdirectory("bms-mosquitto-").FullName;
        _config = Path.Combine(_directory, "mosquitto.conf");
        File.WriteAllText(_config, $"""
            listener {Port} 127.0.0.1
            allow_anonymous true
            persistence false
            log_dest stderr
            log_type error
            log_type warning
            """);
        Start();
    }

    public int Port { get; }

    public MqttEndpoint Endpoint => new("127.0.0.1", Port);

    public string Log
    {
        get
        {
            lock (_log)
                return _log.ToString();
        }
    }

    public static string Executable()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Concat(["/usr/sbin", "/usr/local/sbin", "/sbin"])
            .Select(dir => Path.Combine(dir, "mosquitto"));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("mosquitto is not installed; tests/run.sh installs it (apt-get install mosquitto)");
    }

    public void Start()
    {
        var info = new ProcessStartInfo(Executable(), ["-c", _config])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        _process = Process.Start(info) ?? throw new InvalidOperationException("mosquitto did not start");
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!Accepting())
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"mosquitto did not open 127.0.0.1:{Port}: {Log}");
            Thread.Sleep(20);
        }
    }

    /// <summary>Kills the broker at once, as a crash or a cut cable would look to the clients.</summary>
    public void Stop()
    {
        if (_process == null)
            return;
        if (!_process.HasExited)
            _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private bool Accepting()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line == null)
            return;
        lock (_log)
            _log.AppendLine(line);
    }
}
