namespace nanoFramework.BMS.Sim.Peripherals;

public static class Gaussian
{
    /// <summary>A standard normal draw (Box-Muller).</summary>
    public static double Next(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
