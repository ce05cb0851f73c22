using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Telemetry;

namespace nanoFramework.BMS.Uplink
{
    /// <summary>
    /// Running minimum, maximum and sum per channel over one telemetry interval, for aggregate
    /// mode: a window of any length costs the same few arrays, where keeping every sample of a
    /// minute would not fit the ESP32's heap. Units and rounding as in TelemetryBatch.
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
        }

        public void Clear()
        {
            Count = 0;
        }

        public void Add(Sample sample, int flags)
        {
            bool first = Count == 0;
            if (first)
            {
                FirstSequence = sample.Sequence;
                FirstTimeMs = sample.TimeMs;
                FlagsAny = 0;
                FlagsAll = flags;
            }

            for (int i = 0; i < CellCount; i++)
                Accumulate(CellMin, CellMax, CellSum, i, TelemetryBatch.Round(sample.CellMillivolts[i]), first);
            for (int i = 0; i < ThermistorCount; i++)
                Accumulate(DeciCelsiusMin, DeciCelsiusMax, DeciCelsiusSum, i, TelemetryBatch.Round(sample.Celsius[i] * 10f), first);

            int milliamps = TelemetryBatch.Round(sample.PackAmps * 1000f);
            int packMillivolts = TelemetryBatch.Round(sample.PackMillivolts);
            if (first)
            {
                MilliampsMin = MilliampsMax = milliamps;
                MilliampsSum = 0;
                PackMillivoltsMin = PackMillivoltsMax = packMillivolts;
                PackMillivoltsSum = 0;
            }

            if (milliamps < MilliampsMin)
                MilliampsMin = milliamps;
            if (milliamps > MilliampsMax)
                MilliampsMax = milliamps;
            MilliampsSum += milliamps;
            if (packMillivolts < PackMillivoltsMin)
                PackMillivoltsMin = packMillivolts;
            if (packMillivolts > PackMillivoltsMax)
                PackMillivoltsMax = packMillivolts;
            PackMillivoltsSum += packMillivolts;

            FlagsAny |= flags;
            FlagsAll &= flags;
            Count++;
        }

        /// <summary>The mean of a channel's sum over the window, rounded half away from zero.</summary>
        public int Mean(long sum)
        {
            if (Count == 0)
                return 0;
            long half = Count / 2;
            return (int)(sum >= 0 ? (sum + half) / Count : (sum - half) / Count);
        }

        private static void Accumulate(int[] min, int[] max, long[] sum, int channel, int value, bool first)
        {
            if (first)
            {
                min[channel] = value;
                max[channel] = value;
                sum[channel] = 0;
            }
            else if (value < min[channel])
            {
                min[channel] = value;
            }
            else if (value > max[channel])
            {
                max[channel] = value;
            }

            sum[channel] += value;
        }
    }
}
