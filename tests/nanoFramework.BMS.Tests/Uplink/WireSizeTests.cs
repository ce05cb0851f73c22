using nanoFramework.BMS.Sim;
using Xunit.Abstractions;

namespace nanoFramework.BMS.Tests.Uplink;

/// <summary>
/// The wire-size targets, measured on the simulated pack (not timed): 16 cells at 100 Hz
/// in one-second batches, CBOR at most 2.5 and JSON at most 8 bytes per cell sample, each
/// message under 8 KB. The table goes to the test output and into docs/mqtt.md.
/// </summary>
public class WireSizeTests(ITestOutputHelper output)
{
    [Fact]
    public void SixteenCellsAtOneHundredHertzMeetTheTargets()
    {
        var rows = WireSizeBenchmark.Measure();
        output.WriteLine(WireSizeBenchmark.Table(rows));

        var cbor = rows[0];
        var json = rows[1];
        Assert.InRange(cbor.BytesPerCellSample, 0.5, 2.5);
        Assert.InRange(json.BytesPerCellSample, 1, 8);
        Assert.True(cbor.LargestMessageBytes < 8192, $"CBOR message of {cbor.LargestMessageBytes} bytes");
        Assert.True(json.LargestMessageBytes < 8192, $"JSON message of {json.LargestMessageBytes} bytes");
        Assert.Equal(1, cbor.MessagesPerSecond);
        Assert.Equal(1, json.MessagesPerSecond);
        // The comparison forms are an order of magnitude larger, as they should be.
        Assert.InRange(rows[2].BytesPerCellSample, 100, 200);
        Assert.True(rows[3].BytesPerCellSample > 50);
    }
}
