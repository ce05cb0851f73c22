namespace nanoFramework.BMS.Acquisition
{
    /// <summary>
    /// One acquisition of the whole pack. A single instance is refilled every cycle; the
    /// aggregates are computed once here so every limit rule costs a single compare.
    /// </summary>
    public sealed class Sample
    {
        /// <summary>Counts up by one per acquisition, so a consumer can tell fresh from repeated data.</summary>
        public int Sequence;
        public long TimeMs;

        public readonly float[] CellMillivolts;
        public readonly float[] Celsius;
        public float PackAmps;
        public float PackMillivolts;

        public bool CellsValid;
        public bool TemperaturesValid;
        public bool CurrentValid;

        /// <summary>First channel that failed in this sample, -1 when none.</summary>
        public int FailedCellIndex;
        public int FailedThermistorIndex;

        public float MaxCellMillivolts;
        public int MaxCellIndex;
        public float MinCellMillivolts;
        public int MinCellIndex;
        public float MaxCelsius;
        public int MaxCelsiusIndex;
        public float MinCelsius;
        public int MinCelsiusIndex;

        public Sample(int cells, int thermistors)
        {
            CellMillivolts = new float[cells];
            Celsius = new float[thermistors];
        }
    }
}
