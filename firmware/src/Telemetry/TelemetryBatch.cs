using nanoFramework.BMS.Acquisition;

namespace nanoFramework.BMS.Telemetry
{
    /// <summary>
    /// The samples since the last telemetry message, in fixed-point integer columns preallocated for
    /// the profile: millivolts, tenths of a °C, milliamps.
    /// </summary>
    public sealed class TelemetryBatch
    {
        public readonly int CellCount;
        public readonly int ThermistorCount;
        public readonly int Capacity;

        public readonly short[] CellMillivolts;
        public readonly short[] DeciCelsius;
        public readonly int[] Milliamps;
        public readonly int[] PackMillivolts;
        public readonly byte[] Flags;

        public int Count;
        public int FirstSequence;
        public long FirstTimeMs;

        public TelemetryBatch(int cells, int thermistors, int capacity)
        {
            CellCount = cells;
            ThermistorCount = thermistors;
            Capacity = capacity;
            CellMillivolts = new short[cells * capacity];
            DeciCelsius = new short[thermistors * capacity];
            Milliamps = new int[capacity];
            PackMillivolts = new int[capacity];
            Flags = new byte[capacity];
        }

        public bool IsFull
        {
            get { return Count >= Capacity; }
        }

        public void Clear()
        {
            Count = 0;
        }

        public void Add(Sample sample, int flags)
        {
            if (Count >= Capacity)
                return;
            if (Count == 0)
            {
                FirstSequence = sample.Sequence;
                FirstTimeMs = sample.TimeMs;
            }

            int cellBase = Count * CellCount;
            for (int i = 0; i < CellCount; i++)
                CellMillivolts[cellBase + i] = (short)Round(sample.CellMillivolts[i]);
            int thermistorBase = Count * ThermistorCount;
            for (int i = 0; i < ThermistorCount; i++)
                DeciCelsius[thermistorBase + i] = (short)Round(sample.Celsius[i] * 10f);
            Milliamps[Count] = Round(sample.PackAmps * 1000f);
            PackMillivolts[Count] = Round(sample.PackMillivolts);
            Flags[Count] = (byte)flags;
            Count++;
        }

        /// <summary>Nearest integer, halves away from zero; the one rounding every telemetry path uses.</summary>
        public static int Round(float value)
        {
            return (int)(value < 0f ? value - 0.5f : value + 0.5f);
        }
    }
}
