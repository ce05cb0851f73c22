using nanoFramework.BMS.Sim.Pack;

namespace nanoFramework.BMS.Sim.Plotting;

/// <summary>A marker on the time axis: a fault latched, a fault injected.</summary>
public readonly record struct TimeMarker(double Seconds, string Label, bool IsFault);

/// <summary>
/// Records a run for a plot: the pack's truth every interval (cell voltages and temperatures,
/// current, ambient, contactor) and a marker for every injection and latched fault. The
/// interval is chosen so a run of any length gives a few thousand points per series.
/// </summary>
public sealed class RunRecorder
{
    private const int TargetPoints = 3000;
    private readonly long _intervalMs;
    private long _nextMs;

    public RunRecorder(SimBoard board, long expectedDurationMs)
    {
        _intervalMs = Math.Max(board.Profile.PeriodMs, expectedDurationMs / TargetPoints);
        int cells = board.Pack.Cells.Length;
        CellVolts = Enumerable.Range(0, cells).Select(_ => new List<double>()).ToArray();
        CellCelsius = Enumerable.Range(0, cells).Select(_ => new List<double>()).ToArray();
        board.Trace += e =>
        {
            if (e.Event == "fault_raised")
                Markers.Add(new TimeMarker(e.TMs / 1000.0, e.Fault ?? "fault", true));
            else if (e.Event == "injected")
                Markers.Add(new TimeMarker(e.TMs / 1000.0, e.Fault ?? "injected", false));
        };
    }

    public List<double> Seconds { get; } = [];
    public List<double>[] CellVolts { get; }
    public List<double>[] CellCelsius { get; }
    public List<double> PackAmps { get; } = [];
    public List<double> AmbientCelsius { get; } = [];
    public List<double> ContactorClosed { get; } = [];
    public List<TimeMarker> Markers { get; } = [];

    /// <summary>Called after every step; keeps one point per interval.</summary>
    public void Sample(SimBoard board)
    {
        if (board.NowMs < _nextMs)
            return;
        _nextMs = board.NowMs + _intervalMs;
        PackModel pack = board.Pack;
        Seconds.Add(board.NowMs / 1000.0);
        for (int i = 0; i < pack.Cells.Length; i++)
        {
            CellVolts[i].Add(pack.Cells[i].Volts);
            CellCelsius[i].Add(pack.Cells[i].Celsius);
        }

        PackAmps.Add(pack.Amps);
        AmbientCelsius.Add(pack.AmbientCelsius);
        ContactorClosed.Add(pack.ContactorClosed ? 1 : 0);
    }
}
