using System;
using nanoFramework.BMS.Acquisition;

namespace nanoFramework.BMS.Uplink
{
    /// <summary>
    /// Running minimum, maximum and sum per channel over one telemetry interval, for aggregate
    /// mode: a window of any length costs the same few arrays, where keeping every sample of a
    /// minute would not fit the ESP32's heap. Units and rounding as in TelemetryBatch.
    /// Add runs in every control cycle (24 channels at 16 cells and 8 sensors), so it is written for
    /// the interpreter: the channel loops work on locals, round inline and call nothing, and the
    /// window starts from neutral extremes (Clear) instead of asking on every channel whether this
    /// is its first sample.
    /// </summary>
    public sealed class AggregateWindow
    {
        public readonly int CellCount;
        public readonly int ThermistorCount;

        public readonly int[] CellMin;
        public readonly int[] CellMax;
        public readonly long[] CellSum;
        public readonly int[] DeciCelsiusMin;
        public readonly int[] DeciCelsiusMax;
        public readonly long[] DeciCelsiusSum;

        public int MilliampsMin;
        public int MilliampsMax;
        public long MilliampsSum;
        public int PackMillivoltsMin;
        public int PackMillivoltsMax;
        public long PackMillivoltsSum;

        /// <summary>Flag bits seen in any sample, and in every sample, of the window.</summary>
        public int FlagsAny;
        public int FlagsAll;

        public int Count;
        public int FirstSequence;
        public long FirstTimeMs;

        // The extremes an empty window starts from, copied in by Clear: every value is at or below
        // the first and at or above the second, so the first sample sets both, as it must.
        private readonly int[] _highest;
        private readonly int[] _lowest;

        public AggregateWindow(int cells, int thermistors)
        {
            CellCount = cells;
            ThermistorCount = thermistors;
            CellMin = new int[cells];
            CellMax = new int[cells];
            CellSum = new long[cells];
            DeciCelsiusMin = new int[thermistors];
            DeciCelsiusMax = new int[thermistors];
            DeciCelsiusSum = new long[thermistors];
            int channels = cells > thermistors ? cells : thermistors;
            _highest = new int[channels];
            _lowest = new int[channels];
            for (int i = 0; i < channels; i++)
            {
                _highest[i] = int.MaxValue;
                _lowest[i] = int.MinValue;
            }

            Clear();
        }

        /// <summary>Empties the window: once per interval, after its message is encoded.</summary>
        public void Clear()
        {
            Count = 0;
            Reset(CellMin, CellMax, CellSum);
            Reset(DeciCelsiusMin, DeciCelsiusMax, DeciCelsiusSum);
            MilliampsMin = int.MaxValue;
            MilliampsMax = int.MinValue;
            MilliampsSum = 0;
            PackMillivoltsMin = int.MaxValue;
            PackMillivoltsMax = int.MinValue;
            PackMillivoltsSum = 0;
            FlagsAny = 0;
            FlagsAll = -1;
        }

        public void Add(Sample sample, int flags)
        {
            int count = Count;
            if (count == 0)
            {
                FirstSequence = sample.Sequence;
                FirstTimeMs = sample.TimeMs;
            }

            Fold(sample.CellMillivolts, 1f, CellMin, CellMax, CellSum);
            Fold(sample.Celsius, 10f, DeciCelsiusMin, DeciCelsiusMax, DeciCelsiusSum);

            // TelemetryBatch.Round, inline: a product goes through a float local, as it went
            // through Round's float parameter, so it is rounded to float before the half is added.
            float scaled = sample.PackAmps * 1000f;
            int value = (int)(scaled < 0f ? scaled - 0.5f : scaled + 0.5f);
            if (value < MilliampsMin)
                MilliampsMin = value;
            if (value > MilliampsMax)
                MilliampsMax = value;
            MilliampsSum += value;
            scaled = sample.PackMillivolts;
            value = (int)(scaled < 0f ? scaled - 0.5f : scaled + 0.5f);
            if (value < PackMillivoltsMin)
                PackMillivoltsMin = value;
            if (value > PackMillivoltsMax)
                PackMillivoltsMax = value;
            PackMillivoltsSum += value;

            FlagsAny |= flags;
            FlagsAll &= flags;
            Count = count + 1;
        }

        /// <summary>The mean of a channel's sum over the window, rounded half away from zero.</summary>
        public int Mean(long sum)
        {
            if (Count == 0)
                return 0;
            long half = Count / 2;
            return (int)(sum >= 0 ? (sum + half) / Count : (sum - half) / Count);
        }

        /// <summary>
        /// Each channel's value times scale, rounded half away from zero (TelemetryBatch.Round),
        /// into its minimum, maximum and sum. Two plain compares where there was an if/else-if:
        /// the minimum never exceeds the maximum, so a new minimum is never a new maximum too,
        /// except on the window's first sample, where both must be set.
        /// </summary>
        private static void Fold(float[] values, float scale, int[] min, int[] max, long[] sum)
        {
            int channels = min.Length;
            for (int i = 0; i < channels; i++)
            {
                float scaled = values[i] * scale;
                int value = (int)(scaled < 0f ? scaled - 0.5f : scaled + 0.5f);
                if (value < min[i])
                    min[i] = value;
                if (value > max[i])
                    max[i] = value;
                sum[i] += value;
            }
        }

        private void Reset(int[] min, int[] max, long[] sum)
        {
            int channels = min.Length;
            Array.Copy(_highest, 0, min, 0, channels);
            Array.Copy(_lowest, 0, max, 0, channels);
            Array.Clear(sum, 0, channels);
        }
    }
}
