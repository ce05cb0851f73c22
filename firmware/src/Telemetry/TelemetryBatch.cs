using System;
using nanoFramework.BMS.Acquisition;

namespace nanoFramework.BMS.Telemetry
{
    /// <summary>
    /// The samples since the last telemetry message, in columns preallocated for the profile: cell
    /// millivolts and °C as the sampler's floats, pack milliamps and millivolts as integers.
    /// </summary>
    public sealed class TelemetryBatch
    {
        public readonly int CellCount;
        public readonly int ThermistorCount;
        public readonly int Capacity;

        // Floats, copied row by row with Array.Copy (one native call): rounding 24 values to
        // integers here cost about 700 IL a cycle on the interpreter, more than a quarter of the
        // 2,500 budget. The encoder rounds them once a second, where it formats them anyway.
        // The price is memory: 4 bytes a value instead of 2, +7 KB at 16 cells, 8 sensors, 100 Hz.
        public readonly float[] CellMillivolts;
        public readonly float[] Celsius;
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
            CellMillivolts = new float[cells * capacity];
            Celsius = new float[thermistors * capacity];
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
            // Count in a local: it is read eight times, and a field load costs twice a local's.
            int count = Count;
            if (count >= Capacity)
                return;
            if (count == 0)
            {
                FirstSequence = sample.Sequence;
                FirstTimeMs = sample.TimeMs;
            }

            Array.Copy(sample.CellMillivolts, 0, CellMillivolts, count * CellCount, CellCount);
            Array.Copy(sample.Celsius, 0, Celsius, count * ThermistorCount, ThermistorCount);
            Milliamps[count] = Round(sample.PackAmps * 1000f);
            PackMillivolts[count] = Round(sample.PackMillivolts);
            Flags[count] = (byte)flags;
            Count = count + 1;
        }

        /// <summary>Nearest integer, halves away from zero: the rounding of every telemetry value.</summary>
        public static int Round(float value)
        {
            return (int)(value < 0f ? value - 0.5f : value + 0.5f);
        }
    }
}
