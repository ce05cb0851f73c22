using ScottPlot;

namespace nanoFramework.BMS.Sim.Plotting;

/// <summary>
/// Draws a recorded run as stacked plots sharing the time axis: cell voltages, pack current,
/// cell temperatures with ambient, and the contactor; every latched fault is a red line through
/// all of them and every injection an orange dashed one, labelled on the top plot.
/// </summary>
public static class RunPlot
{
    public const int WidthPixels = 1200;
    public const int HeightPixels = 900;

    public static void Save(RunRecorder run, string title, string path, IReadOnlyList<(double Volts, string Label)>? voltageLimits = null)
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(4);
        // Voltages get the most room, the contactor's two states the least.
        var rows = new ScottPlot.MultiplotLayouts.DraggableRows();
        rows.SetHeights([300, 190, 230, 100]);
        multiplot.Layout = rows;
        var plots = multiplot.GetPlots();
        var (scale, unit) = TimeScale(run.Seconds.Count == 0 ? 0 : run.Seconds[^1]);
        double[] time = run.Seconds.Select(s => s / scale).ToArray();

        var volts = plots[0];
        volts.Title(title, size: 16);
        volts.YLabel("cell voltage (V)");
        for (int i = 0; i < run.CellVolts.Length; i++)
            AddLine(volts, time, run.CellVolts[i], Cell(i, run.CellVolts.Length), CellLegend(i, run.CellVolts.Length), 1.2f);
        foreach (var (limit, label) in voltageLimits ?? [])
        {
            var line = volts.Add.HorizontalLine(limit, 1, Colors.Gray, LinePattern.Dotted);
            line.LabelText = label;
            line.LabelOppositeAxis = true;
        }

        var amps = plots[1];
        amps.YLabel("current (A, + charge)");
        AddLine(amps, time, run.PackAmps, Colors.Black, null, 1.2f);
        amps.Add.HorizontalLine(0, 1, Colors.Gray, LinePattern.Dotted);

        var celsius = plots[2];
        celsius.YLabel("cell temperature (°C)");
        for (int i = 0; i < run.CellCelsius.Length; i++)
            AddLine(celsius, time, run.CellCelsius[i], Cell(i, run.CellCelsius.Length), CellLegend(i, run.CellCelsius.Length), 1.2f);
        AddLine(celsius, time, run.AmbientCelsius, Colors.Gray, "ambient", 1.5f, LinePattern.Dashed);
        celsius.Legend.Alignment = Alignment.UpperLeft;
        celsius.ShowLegend();
        volts.Legend.Alignment = Alignment.LowerLeft;
        volts.ShowLegend();

        var contactor = plots[3];
        contactor.YLabel("contactor");
        var state = contactor.Add.ScatterLine(time, run.ContactorClosed.ToArray());
        state.ConnectStyle = ConnectStyle.StepHorizontal;
        state.LineWidth = 2;
        state.Color = Colors.DarkGreen;
        state.FillY = true;
        state.FillYColor = Colors.DarkGreen.WithAlpha(0.2);
        contactor.Axes.SetLimitsY(-0.15, 1.25);
        contactor.Axes.Left.SetTicks([0, 1], ["open", "closed"]);
        contactor.XLabel($"time ({unit})");

        foreach (var marker in run.Markers)
        {
            foreach (var plot in plots)
            {
                plot.Add.VerticalLine(marker.Seconds / scale, marker.IsFault ? 1.5f : 1.2f,
                    marker.IsFault ? Colors.Red : Colors.DarkOrange, marker.IsFault ? LinePattern.Solid : LinePattern.Dashed);
            }
        }

        LabelMarkers(volts, run, scale);
        // One time axis for all: the same limits, and the tick labels only at the bottom.
        double end = time.Length == 0 ? 1 : Math.Max(time[^1], 1e-3);
        foreach (var plot in plots)
        {
            plot.Axes.SetLimitsX(0, end);
            plot.Axes.Margins(horizontal: 0);
            plot.Axes.Left.MinimumSize = 90;
            plot.Axes.Right.MinimumSize = 10;
        }

        for (int p = 0; p < plots.Length - 1; p++)
            plots[p].Axes.Bottom.TickLabelStyle.IsVisible = false;
        multiplot.SharedAxes.ShareX(plots);
        multiplot.SavePng(path, WidthPixels, HeightPixels);
    }

    /// <summary>
    /// Names the markers inside the top plot, in a band above the voltages, on four staggered
    /// rows so markers close in time do not print over each other.
    /// </summary>
    private static void LabelMarkers(Plot volts, RunRecorder run, double scale)
    {
        double low = run.CellVolts.SelectMany(v => v).DefaultIfEmpty(0).Min();
        double high = run.CellVolts.SelectMany(v => v).DefaultIfEmpty(1).Max();
        double span = Math.Max(high - low, 0.05);
        const int Rows = 4;
        double band = span * 0.45;
        volts.Axes.SetLimitsY(low - span * 0.05, high + band + span * 0.05);
        for (int i = 0; i < run.Markers.Count; i++)
        {
            var marker = run.Markers[i];
            double y = high + band * (Rows - i % Rows) / Rows;
            var text = volts.Add.Text(marker.Label, marker.Seconds / scale, y);
            text.LabelFontSize = 11;
            text.LabelFontColor = Colors.White;
            text.LabelBackgroundColor = (marker.IsFault ? Colors.Red : Colors.DarkOrange).WithAlpha(0.9);
            text.LabelPadding = 2;
            text.LabelAlignment = Alignment.MiddleLeft;
        }
    }

    private static void AddLine(Plot plot, double[] time, List<double> values, Color color, string? legend, float width, LinePattern? pattern = null)
    {
        var line = plot.Add.ScatterLine(time, values.ToArray());
        line.Color = color;
        line.LineWidth = width;
        if (pattern is { } p)
            line.LinePattern = p;
        if (legend != null)
            line.LegendText = legend;
    }

    /// <summary>Every cell up to 8 in the legend; of a longer string the first and the last, whose hues bracket the rest.</summary>
    private static string? CellLegend(int index, int count) =>
        count <= 8 || index == 0 || index == count - 1 ? $"cell {index + 1}" : null;

    /// <summary>Cells in a sequence of hues, so neighbours are told apart and the string reads in order.</summary>
    private static Color Cell(int index, int count) => new ScottPlot.Colormaps.Turbo().GetColor(count == 1 ? 0.2 : 0.1 + 0.8 * index / (count - 1));

    private static (double Scale, string Unit) TimeScale(double seconds) =>
        seconds > 4 * 3600 ? (3600, "h") : seconds > 600 ? (60, "min") : (1, "s");
}
