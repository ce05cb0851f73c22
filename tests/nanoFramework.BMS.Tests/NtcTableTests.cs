using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Sim.Peripherals;

namespace nanoFramework.BMS.Tests;

public class NtcTableTests
{
    [Fact]
    public void EveryTablePointMatchesTheBetaEquation()
    {
        for (int i = 0; i < NtcTable.Counts.Length; i++)
        {
            double expectedCounts = SimThermistorAdc.CountsAt(NtcTable.Celsius[i]);
            Assert.InRange(NtcTable.Counts[i] - expectedCounts, -0.5, 0.5);
        }
    }

    [Fact]
    public void InterpolationStaysWithinHalfADegreeAcrossTheRange()
    {
        for (double celsius = -40; celsius <= 125; celsius += 0.25)
        {
            int counts = (int)Math.Round(SimThermistorAdc.CountsAt(celsius));
            Assert.InRange(NtcTable.CountsToCelsius(counts) - celsius, -0.5, 0.5);
        }
    }

    [Fact]
    public void ReadingsBeyondTheTableClampToItsEnds()
    {
        Assert.Equal(125f, NtcTable.CountsToCelsius(0));
        Assert.Equal(-40f, NtcTable.CountsToCelsius(4095));
    }

    [Fact]
    public void TableIsStrictlyOrdered()
    {
        for (int i = 1; i < NtcTable.Counts.Length; i++)
        {
            Assert.True(NtcTable.Counts[i] > NtcTable.Counts[i - 1]);
            Assert.True(NtcTable.Celsius[i] < NtcTable.Celsius[i - 1]);
        }
    }

    [Fact]
    public void EveryCountGivesBitForBitWhatTheBinarySearchGave()
    {
        // The lookup was a binary search over the table; the faster segment index must not change
        // a single result, or telemetry and trip values would move.
        for (int counts = -10; counts <= 4200; counts++)
            Assert.Equal(BinarySearchCelsius(counts), NtcTable.CountsToCelsius(counts));
    }

    /// <summary>The original lookup, kept as the reference.</summary>
    private static float BinarySearchCelsius(int counts)
    {
        short[] table = NtcTable.Counts;
        short[] celsius = NtcTable.Celsius;
        int last = table.Length - 1;
        if (counts <= table[0])
            return celsius[0];
        if (counts >= table[last])
            return celsius[last];
        int low = 0;
        int high = last;
        while (high - low > 1)
        {
            int mid = (low + high) >> 1;
            if (table[mid] <= counts)
                low = mid;
            else
                high = mid;
        }

        float fraction = (float)(counts - table[low]) / (table[high] - table[low]);
        return celsius[low] + fraction * (celsius[high] - celsius[low]);
    }
}
