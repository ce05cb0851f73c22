using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.Acquisition
{
    /// <summary>
    /// One acquisition of the whole pack. A single instance is refilled every cycle; the
    /// aggregates are computed once here so every limit rule costs a single compare. Channels
    /// that failed or read implausibly are left out of the aggregates: they are sensor faults,
    /// never an under-voltage or a cold reading.
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

        /// <summary>Load side of the contactor, mV.</summary>
        public float LinkMillivolts;

        /// <summary>Every cell converted and read plausibly.</summary>
        public bool CellsValid;
        public bool TemperaturesValid;
        public bool CurrentValid;
        public bool LinkValid;
        public CurrentSensorStatus CurrentStatus;

        /// <summary>First channel whose conversion failed, -1 when none.</summary>
        public int FailedCellIndex;
        public int FailedThermistorIndex;

        /// <summary>First cell outside the plausible range, -1 when none.</summary>
        public int ImplausibleCellIndex;

        /// <summary>First thermistor at an ADC rail, -1 when none.</summary>
        public int RailThermistorIndex;

        /// <summary>The current reading repeated bit for bit while current flows.</summary>
        public bool CurrentUnchanged;

        /// <summary>Sum of the cells, when every cell is valid, mV.</summary>
        public float CellSumMillivolts;

        public float MaxCellMillivolts;
        public int MaxCellIndex;
        public float MinCellMillivolts;
        public int MinCellIndex;
        public float MaxCelsius;
        public int MaxCelsiusIndex;
        public float MinCelsius;
        public int MinCelsiusIndex;

        /// <summary>Fastest rise of any sensor over the last second, °C/s, and which sensor.</summary>
        public float MaxRiseCelsiusPerSecond;
        public int MaxRiseIndex;

        /// <summary>
        /// Time of the last acquisition at which the rise tracker took a slot (its costliest
        /// cycle), ms; -1 before the first. Equal to TimeMs in that cycle, so the estimators can
        /// keep their steps off it (docs/performance.md).
        /// </summary>
        public long RiseSlotMs = -1;

        public Sample(int cells, int thermistors)
        {
            CellMillivolts = new float[cells];
            Celsius = new float[thermistors];
        }
    }
}
