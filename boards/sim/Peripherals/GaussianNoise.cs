namespace nanoFramework.BMS.Sim.Peripherals;

/// <summary>
/// Standard normal draws for sensor noise, seeded and cheap: a fixed table of Box-Muller draws
/// indexed by a xorshift generator. A draw costs a few nanoseconds instead of a logarithm, a
/// square root and a cosine, which matters at 25 draws per step and a million steps per
/// simulated hour. The table (64 K draws) is far longer than any correlation a firmware
/// debounce could notice.
/// </summary>
public sealed class GaussianNoise
{
    private const int TableBits = 16;
    private static readonly double[] Table = BuildTable();

    private uint _state;

    public GaussianNoise(int seed)
    {
        // xorshift32 must not start at 0; mix the seed so neighbouring seeds diverge at once.
        _state = (uint)(seed * 2654435761u) ^ 0x9E3779B9u;
        if (_state == 0)
            _state = 1;
    }

    public double Next()
    {
        uint x = _state;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        _state = x;
        return Table[x >> (32 - TableBits)];
    }

    private static double[] BuildTable()
    {
        var random = new Random(12345);
        var table = new double[1 << TableBits];
        for (int i = 0; i < table.Length; i++)
        {
            double u1 = 1.0 - random.NextDouble();
            double u2 = random.NextDouble();
            table[i] = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        }

        return table;
    }
}
