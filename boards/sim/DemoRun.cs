using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using nanoFramework.BMS.Contactor;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Sim.Pack;
using nanoFramework.BMS.Sim.Plotting;

namespace nanoFramework.BMS.Sim;

/// <summary>
/// The default run: close the contactor from the console, charge, heat one cell until the
/// firmware trips, then ask the console what happened. Paced in accelerated real time for a
/// person, or in virtual time with --speed 0.
/// </summary>
public sealed class DemoRun
{
    private const double HeaterWatts = 20;
    private const long HeaterStartMs = 20_000;

    private readonly SimOptions _options;
    private readonly TextWriter _out;
    private readonly SimBoard _board;
    private readonly bool _liveLine;
    private readonly List<(long AtMs, string Line)> _script = [];
    private readonly SimMqtt? _mqtt;
    private bool _statusLineShown;
    private long _tripMs = -1;
    private bool _mqttConnected;
    private int _acksShown;
    private long _commandCounter;

    public DemoRun(SimOptions options, TextWriter output)
    {
        _options = options;
        _out = output;
        _mqtt = options.Mqtt ? new SimMqtt(options) : null;
        _board = new SimBoard(options.BoardConfig(), mqtt: _mqtt?.Transport, mqttSettings: _mqtt?.Settings);
        _liveLine = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && options.Speed > 0;
        double chargeAmps = 0.5 * options.CapacityAh;
        double cvCellVolts = options.Chemistry == Chemistry.Lfp ? 3.60 : 4.20;
        _board.Pack.Load = new CcCvCharger(chargeAmps, cvCellVolts);
        _board.Console.Output += text => Print(Indent(text));
        if (options.ConsoleScriptPath != null)
        {
            LoadConsoleScript(options.ConsoleScriptPath);
        }
        else
        {
            _script.Add((300, "login " + SimBoard.FactoryPin));
            _script.Add((500, "contactor close"));
            _script.Add((2_000, "status"));
            _script.Add((4_000, "cells"));
        }
    }

    /// <summary>
    /// A console script: one line typed every 0.5 simulated seconds from 0.3 s on; "#wait MS"
    /// adds a pause, other lines starting with '#' are comments. Throws ArgumentException naming
    /// the file when it cannot be read.
    /// </summary>
    private void LoadConsoleScript(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"--console-script {path}: {e.Message}");
        }

        long atMs = 300;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd();
            if (line.StartsWith("#wait ", StringComparison.Ordinal))
            {
                if (!long.TryParse(line[6..], out long waitMs) || waitMs < 0)
                    throw new ArgumentException($"--console-script {path}, line {i + 1}: #wait expects milliseconds, got '{line[6..]}'");
                atMs += waitMs;
                continue;
            }

            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            _script.Add((atMs - atMs % _board.Profile.PeriodMs, line));
            atMs += 500;
        }
    }

    /// <summary>Lines typed on a terminal go to the firmware's console, as on a serial port.</summary>
    private void ForwardTerminalInput()
    {
        var reader = new Thread(() =>
        {
            string? line;
            while ((line = Console.In.ReadLine()) != null)
                _board.Console.Type(line);
        })
        {
            IsBackground = true,
            Name = "console stdin",
        };
        reader.Start();
    }

    public SimBoard Board => _board;

    public int Run()
    {
        try
        {
            return RunDemo();
        }
        finally
        {
            _mqtt?.Dispose();
        }
    }

    private int RunDemo()
    {
        if (_mqtt != null)
        {
            _mqtt.Start(_board.Firmware.Mqtt!);
            // In virtual time the simulation would outrun the network: let the session come up first.
            if (_options.Speed == 0)
                _mqtt.WaitUntil(u => u.Connected);
        }

        if (_options.ConsoleScriptPath == null && _options.Speed > 0 && ReferenceEquals(_out, Console.Out) && !Console.IsInputRedirected)
            ForwardTerminalInput();

        using TraceWriter? trace = _options.TracePath == null ? null : new TraceWriter(new StreamWriter(_options.TracePath));
        _board.Trace += e =>
        {
            trace?.Write(e);
            Narrate(e);
        };

        PrintHeader();
        long durationMs = (long)(_options.DurationSeconds * 1000);
        var recorder = _options.PlotPath == null ? null : new RunRecorder(_board, durationMs);
        var wall = Stopwatch.StartNew();
        long nextLiveMs = 0;
        while (_board.NowMs < durationMs)
        {
            RunScript();
            if (_options.InjectFault && _board.NowMs == HeaterStartMs)
            {
                int cell = _board.ThermistorAdc.CellOf(_board.Profile.ThermistorCount - 1);
                _board.Inject("hot_cell", $"cell {cell + 1} heated with {HeaterWatts} W", () => _board.Pack.Cells[cell].ExtraHeatWatts = HeaterWatts);
            }

            _board.Step();
            if (_board.NowMs % 100 == 0)
                ShowMqtt();
            recorder?.Sample(_board);
            if (_options.Speed > 0)
            {
                Pace(wall);
                if (wall.ElapsedMilliseconds >= nextLiveMs)
                {
                    nextLiveMs = wall.ElapsedMilliseconds + 200;
                    ShowLive();
                }
            }
        }

        ShowMqtt();
        _mqtt?.Drain();
        ShowAcks();
        EndLiveLine();
        PrintSummary(wall.Elapsed.TotalSeconds);
        if (recorder != null)
        {
            var p = _board.Profile;
            RunPlot.Save(recorder, $"Demo: {p.CellCount}S {p.Chemistry.ToString().ToUpperInvariant()} charges, a cell heats up, the firmware trips", _options.PlotPath!);
            Print($"  plot       {_options.PlotPath}");
        }

        return 0;
    }

    private void RunScript()
    {
        for (int i = 0; i < _script.Count; i++)
        {
            if (_script[i].AtMs != _board.NowMs)
                continue;
            string line = _script[i].Line;
            if (line.StartsWith("cloud ", StringComparison.Ordinal))
            {
                SendCloudCommand(line["cloud ".Length..]);
                continue;
            }

            Print($"[{Seconds(_board.NowMs)}] > {line}");
            _board.Console.Type(line);
        }
    }

    private void Pace(Stopwatch wall)
    {
        double dueMs = _board.NowMs / _options.Speed;
        double aheadMs = dueMs - wall.Elapsed.TotalMilliseconds;
        if (aheadMs > 2)
            Thread.Sleep((int)aheadMs);
    }

    private void Narrate(TraceEvent e)
    {
        switch (e.Event)
        {
            case "injected":
                Print($"[{Seconds(e.TMs)}] injected {e.Fault}: {e.Detail}");
                break;
            case "fault_raised":
                Print($"[{Seconds(e.TMs)}] FAULT {e.Fault} ({Value(e)})");
                if (_tripMs < 0 && _options.ConsoleScriptPath == null)
                {
                    _tripMs = e.TMs;
                    long after = e.TMs - e.TMs % _board.Profile.PeriodMs + 2_000;
                    _script.Add((after, "faults"));
                    _script.Add((after + 1_000, "clear"));
                    _script.Add((after + 2_000, "contactor close"));
                    if (_mqtt != null)
                        _script.Add((after + 2_500, "cloud contactor/close"));
                }

                break;
            case "fault_cleared":
                Print($"[{Seconds(e.TMs)}] fault {e.Fault} cleared");
                break;
            case "contactor":
                Print($"[{Seconds(e.TMs)}] contactor {e.State}");
                break;
            case "sample" when !_liveLine && e.TMs % 30_000 == 0:
                Print($"[{Seconds(e.TMs)}] {LiveText()}");
                break;
        }
    }

    /// <summary>A signed command from the cloud client, as the fleet back end would send it.</summary>
    private void SendCloudCommand(string command)
    {
        long counter = ++_commandCounter;
        string id = "demo-" + counter;
        Print($"[{Seconds(_board.NowMs)}] cloud > {command} (id {id}, counter {counter}, HMAC-SHA256 signed)");
        var uplink = _board.Firmware.Mqtt!;
        int received = uplink.CommandsReceived;
        _mqtt!.SendCommand(uplink.CommandTopic, _mqtt.Commands.Json(id, command, counter));
        // In virtual time, hold the clock until the firmware has the command, as a real pack would have it within milliseconds.
        if (_options.Speed == 0)
            _mqtt.WaitUntil(u => u.CommandsReceived > received);
    }

    /// <summary>Connection changes of the uplink and acks that reached the cloud client.</summary>
    private void ShowMqtt()
    {
        if (_mqtt == null)
            return;
        var uplink = _board.Firmware.Mqtt!;
        if (uplink.Connected != _mqttConnected)
        {
            _mqttConnected = uplink.Connected;
            var s = _mqtt.Settings;
            Print(_mqttConnected
                ? $"[{Seconds(_board.NowMs)}] mqtt connected to {_mqtt.Endpoint} ({(s.Format == Uplink.PayloadFormat.Cbor ? "cbor" : "json")}, {(s.Mode == Uplink.TelemetryMode.Aggregate ? "aggregates" : "every sample")})"
                : $"[{Seconds(_board.NowMs)}] mqtt disconnected; telemetry waits in the ring");
        }

        ShowAcks();
    }

    private void ShowAcks()
    {
        if (_mqtt == null)
            return;
        var acks = _mqtt.Cloud.On(_board.Firmware.Mqtt!.AckTopic);
        for (; _acksShown < acks.Count; _acksShown++)
        {
            using var ack = JsonDocument.Parse(acks[_acksShown].Payload);
            var root = ack.RootElement;
            string reason = root.GetProperty("reason").ValueKind == JsonValueKind.String ? ": " + root.GetProperty("reason").GetString() : "";
            Print($"[{Seconds(_board.NowMs)}] cloud < ack {root.GetProperty("id")} {root.GetProperty("result").GetString()}{reason}");
        }
    }

    private string Value(TraceEvent e)
    {
        var id = (FaultId)(e.Code ?? 0);
        string unit = _board.Firmware.Rules.UnitOf(id);
        string where = Where(id, e.Index ?? -1);
        return $"{e.Value?.ToString("0.###", CultureInfo.InvariantCulture)} {unit}{where}";
    }

    private string Where(FaultId id, int index)
    {
        string kind = _board.Firmware.Rules.IndexKindOf(id);
        return index >= 0 && kind.Length > 0 ? $" at {kind} {index + 1}" : "";
    }

    private void PrintHeader()
    {
        var p = _board.Profile;
        Print($"nanoFramework.BMS simulated board: {p.CellCount}S {p.Chemistry.ToString().ToUpperInvariant()} {p.CapacityAh} Ah, " +
              $"{p.ThermistorCount} thermistors, {p.SampleRateHz} Hz, " +
              (_options.Speed > 0 ? $"{_options.Speed}x real time" : "virtual time"));
        Print($"charging at {0.5 * _options.CapacityAh:0.##} A" + (_options.InjectFault ? $"; a cell starts heating at {HeaterStartMs / 1000} s" : ""));
    }

    private string LiveText()
    {
        var s = _board.Summary();
        return $"pack {s.PackVolts,6:0.00} V {s.PackAmps,6:+0.00;-0.00} A, cells {s.MinCellVolts:0.000}-{s.MaxCellVolts:0.000} V, " +
               $"hottest {s.MaxCelsius,5:0.0} C, contactor {s.State}, faults {_board.Firmware.Faults.LatchedCount}";
    }

    private int LiveWidth => Math.Max(20, Math.Min(Console.WindowWidth - 1, 110));

    /// <summary>Redraws the status line in place; log lines scroll above it.</summary>
    private void ShowLive()
    {
        if (!_liveLine)
            return;
        string text = $"[{Seconds(_board.NowMs)}] {LiveText()}";
        _out.Write("\r" + (text.Length > LiveWidth ? text[..LiveWidth] : text.PadRight(LiveWidth)));
        _statusLineShown = true;
    }

    private void EndLiveLine()
    {
        if (_statusLineShown)
        {
            _out.Write("\r" + new string(' ', LiveWidth) + "\r");
            _statusLineShown = false;
        }
    }

    private void Print(string text)
    {
        EndLiveLine();
        _out.WriteLine(text.TrimEnd('\r', '\n'));
    }

    private static string Indent(string consoleText) =>
        string.Join("\n", consoleText.TrimEnd('\r', '\n').Split('\n').Select(l => "            | " + l.TrimEnd('\r')));

    private static string Seconds(long ms) => (ms / 1000.0).ToString("0.00", CultureInfo.InvariantCulture).PadLeft(7) + " s";

    private void PrintSummary(double wallSeconds)
    {
        var firmware = _board.Firmware;
        var s = _board.Summary();
        Print("");
        Print($"summary after {_board.NowMs / 1000.0:0.0} s simulated ({wallSeconds:0.0} s real), {firmware.Cycles} control cycles");
        Print($"  contactor  {(firmware.ContactorState == ContactorState.Closed ? "closed" : "open")}");
        bool any = false;
        for (int code = 0; code < firmware.Faults.Capacity; code++)
        {
            var record = firmware.Faults.At(code);
            if (!record.Latched)
                continue;
            any = true;
            string where = Where(record.Id, record.Index);
            Print($"  fault      {FaultNames.Name(record.Id)}: {record.Value:0.###} {firmware.Rules.UnitOf(record.Id)}{where}, latched at {Seconds(record.TimeMs).Trim()}");
        }

        if (!any)
            Print("  faults     none latched");
        int telemetry = _board.Uplink.Count(firmware.TelemetryTopic);
        int alerts = _board.Uplink.Count(firmware.AlertTopic);
        Print($"  uplink     {telemetry} telemetry messages on {firmware.TelemetryTopic}, {alerts} alert(s) on {firmware.AlertTopic}");
        if (_mqtt != null)
        {
            var uplink = firmware.Mqtt!;
            var received = _mqtt.Cloud.Messages;
            int mqttTelemetry = received.Count(m => m.Topic == uplink.TelemetryTopic);
            long bytes = received.Where(m => m.Topic == uplink.TelemetryTopic).Sum(m => (long)m.Payload.Length);
            Print($"  mqtt       {_mqtt.Endpoint}{(_options.Broker == null ? " (in-process broker)" : "")}: the cloud client received " +
                  $"{mqttTelemetry} telemetry ({(mqttTelemetry == 0 ? 0 : bytes / mqttTelemetry)} bytes each), " +
                  $"{received.Count(m => m.Topic == uplink.AlertTopic)} alert(s), {received.Count(m => m.Topic == uplink.AckTopic)} ack(s); " +
                  $"{uplink.TelemetryDropped} telemetry dropped");
        }
        Print($"  pack       {s.PackVolts:0.00} V, state of charge {s.Soc * 100:0.0} %, hottest cell {s.MaxCelsius:0.0} C");
    }
}
