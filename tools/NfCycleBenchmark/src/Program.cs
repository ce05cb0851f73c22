using System;

namespace nanoFramework.BMS.Benchmark
{
    /// <summary>
    /// Prints the cycles run, the elapsed milliseconds and the checksum of the firmware's outputs.
    /// Console.WriteLine(string) is the only output: nanoFramework's mscorlib has it (on a board it
    /// goes to the debug output), and nothing else is needed to read the result.
    /// </summary>
    public static class Program
    {
        public static void Main()
        {
            SyntheticPack pack = new SyntheticPack(CycleBenchmark.Cells, CycleBenchmark.Thermistors, CycleBenchmark.SampleRateHz);
            long elapsedMs = CycleBenchmark.Run(pack, CycleBenchmark.Cycles);

            Console.WriteLine("nanoFramework.BMS cycle benchmark: " + CycleBenchmark.Cells + " cells, " + CycleBenchmark.Thermistors + " thermistors, " + CycleBenchmark.SampleRateHz + " Hz");
            Console.WriteLine("cycles " + pack.Cycles);
            Console.WriteLine("elapsed_ms " + elapsedMs);
            Console.WriteLine("us_per_cycle " + (elapsedMs * 1000 / pack.Cycles));
            Console.WriteLine("messages " + pack.Uplink.Messages + " (" + pack.Uplink.Bytes + " bytes), faults latched " + pack.LatchedFaults);
            Console.WriteLine("checksum " + pack.Checksum.Value.ToString("X8"));
        }
    }
}
