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
        public SyntheticAnalogInputs Taps;

        /// <summary>No current at all, for a rest long enough for the estimators' rest reading.</summary>
        public bool Resting;

        public CurrentSensorStatus Read(out float packAmps, out float packMillivolts)
        {
            packAmps = Resting ? 0f : (SyntheticSignal.Triangle(Cycle, 0, 200) - 100) * 0.02f;
            packMillivolts = PackMillivolts();
            return CurrentSensorStatus.Ok;
        }

        /// <summary>The sum of what the cell taps read, as a healthy pack's shunt monitor would see it.</summary>
        public float PackMillivolts()
        {
            int counts = 0;
            for (int i = 0; i < Cells; i++)
                counts += Taps.ReadCounts(i);
            return counts * (5000f / 4095f);
        }
    }
}
