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
}
