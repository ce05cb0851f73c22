using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.Benchmark
{
    /// <summary>
    /// Swings between 2 A discharge and 2 A charge, so both the charge and the discharge rules
    /// see real values; both limits are far away for a 3 Ah pack.
    /// </summary>
    public sealed class SyntheticCurrentSensor : ICurrentSensor
    {
        public long Cycle;
        public int Cells;

        public bool TryRead(out float packAmps, out float packMillivolts)
        {
            packAmps = (SyntheticSignal.Triangle(Cycle, 0, 200) - 100) * 0.02f;
            packMillivolts = Cells * 3650f + SyntheticSignal.Triangle(Cycle, 11, 50);
            return true;
        }
    }
}
