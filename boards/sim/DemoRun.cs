using System.Diagnostics;
using System.Globalization;
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
    private bool _statusLineShown;
    private long _tripMs = -1;

    public DemoRun(SimOptions options, TextWriter output)
    {
        _options = options;
        _out = output;
        _board = new SimBoard(options.BoardConfig());
        _liveLine = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && options.Speed > 0;
        double chargeAmps = 0.5 * options.CapacityAh;
        double cvCellVolts = options.Chemistry == Chemistry.Lfp ? 3.60 : 4.20;
        _board.Pack.Load = new CcCvCharger(chargeAmps, cvCellVolts);
        _board.Console.Output += text => Print(Indent(text));
        _script.Add((500, "contactor close"));
        _script.Add((2_000, "status"));
        _script.Add((4_000, "cells"));
    }

    public SimBoard Board => _board;

    public int Run()
    {
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
            if (_script[i].AtMs == _board.NowMs)
            {
                Print($"[{Seconds(_board.NowMs)}] > {_script[i].Line}");
                _board.Console.Type(_script[i].Line);
            }
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
                if (_tripMs < 0)
                {
                    _tripMs = e.TMs;
                    long after = e.TMs - e.TMs % _board.Profile.PeriodMs + 2_000;
                    _script.Add((after, "faults"));
                    _script.Add((after + 1_000, "clear"));
                    _script.Add((after + 2_000, "contactor close"));
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
        Print($"  pack       {s.PackVolts:0.00} V, state of charge {s.Soc * 100:0.0} %, hottest cell {s.MaxCelsius:0.0} C");
    }
}
