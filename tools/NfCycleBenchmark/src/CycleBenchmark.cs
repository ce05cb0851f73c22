using System;

namespace nanoFramework.BMS.Benchmark
{
    /// <summary>
    /// The interpreter benchmark: the 16-cell, 100 Hz control cycle for a fixed number of cycles
    /// on synthetic inputs. The elapsed time is the only number that depends on the machine;
    /// the checksum of the firmware's outputs must be the same everywhere the firmware behaves
    /// the same.
    /// </summary>
    public static class CycleBenchmark
    {
        public const int Cells = 16;
        public const int Thermistors = 8;
        public const int SampleRateHz = 100;

        /// <summary>20 s of pack time: 20 telemetry messages among the cycles.</summary>
        public const int Cycles = 2000;

        /// <summary>Runs the cycles and returns the elapsed milliseconds; the results are in the pack.</summary>
        public static long Run(SyntheticPack pack, int cycles)
        {
            // Wall time is fine here: this measures the machine, it does not control a pack.
            long startTicks = DateTime.UtcNow.Ticks;
            pack.Run(cycles);
            long elapsedTicks = DateTime.UtcNow.Ticks - startTicks;
            return elapsedTicks / TimeSpan.TicksPerMillisecond;
        }
    }
}
