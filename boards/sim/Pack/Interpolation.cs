namespace nanoFramework.BMS.Sim.Pack;

public static class Interpolation
{
    /// <summary>Piecewise-linear y(x) over ascending xs, held constant beyond both ends.</summary>
    public static double Linear(double[] xs, double[] ys, double x)
    {
        if (x <= xs[0])
            return ys[0];
        int last = xs.Length - 1;
        if (x >= xs[last])
            return ys[last];
        int i = 1;
        while (xs[i] < x)
            i++;
        double f = (x - xs[i - 1]) / (xs[i] - xs[i - 1]);
        return ys[i - 1] + f * (ys[i] - ys[i - 1]);
    }
}
