namespace nanoFramework.BMS.Sim.Pack;

/// <summary>
/// A piecewise-linear function resampled onto an evenly spaced grid, so a lookup is one index
/// computation instead of a search. When every breakpoint of the source lies on the grid the
/// result is the same function exactly (the curves and tables here are built that way).
/// Held constant beyond both ends.
/// </summary>
public sealed class UniformTable
{
    private readonly double _first;
    private readonly double _stepsPerUnit;
    private readonly double[] _values;

    public UniformTable(double first, double last, double step, Func<double, double> function)
    {
        _first = first;
        _stepsPerUnit = 1 / step;
        int count = (int)Math.Round((last - first) / step) + 1;
        _values = new double[count];
        for (int i = 0; i < count; i++)
            _values[i] = function(first + i * step);
    }

    public static UniformTable FromPoints(double[] xs, double[] ys, double step) =>
        new(xs[0], xs[^1], step, x => Interpolation.Linear(xs, ys, x));

    /// <summary>Where x falls on the grid: the cell's index and the fraction across it, clamped to the ends.</summary>
    public (int Index, double Fraction) Locate(double x)
    {
        double position = (x - _first) * _stepsPerUnit;
        if (!(position > 0))
            return (0, 0);
        int i = (int)position;
        if (i >= _values.Length - 1)
            return (_values.Length - 2, 1);
        return (i, position - i);
    }

    /// <summary>The value at a located point (see Locate), so two tables on the same grid share one location.</summary>
    public double At(int index, double fraction) => _values[index] + fraction * (_values[index + 1] - _values[index]);

    public double this[double x]
    {
        get
        {
            double position = (x - _first) * _stepsPerUnit;
            if (!(position > 0))
                return _values[0];
            int i = (int)position;
            if (i >= _values.Length - 1)
                return _values[^1];
            double f = position - i;
            return _values[i] + f * (_values[i + 1] - _values[i]);
        }
    }
}
