using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Sim.Pack;
using nanoFramework.BMS.Sim.Peripherals;
using nanoFramework.BMS.Profile;

namespace nanoFramework.BMS.Tests;

public class CalibrationTests
{
    [Fact]
    public void TwoPointsRecoverGainAndOffset()
    {
        // A channel reading 2000 counts at 3000 mV and 2900 counts at 4200 mV.
        var calibration = ChannelCalibration.FromTwoPoints(2000, 3000f, 2900, 4200f)!;

        Assert.Equal(1200f / 900f, calibration.GainMillivoltsPerCount, 4);
        Assert.Equal(3000f, calibration.ToMillivolts(2000), 3);
        Assert.Equal(4200f, calibration.ToMillivolts(2900), 3);
        Assert.Equal(3600f, calibration.ToMillivolts(2450), 3);
    }

    [Fact]
    public void EqualCountsCannotBeCalibrated()
    {
        Assert.Null(ChannelCalibration.FromTwoPoints(2000, 3000f, 2000, 4200f));
    }

    [Fact]
    public void NominalChannelMapsFullScaleToFiveVolts()
    {
        Assert.Equal(5000f, ChannelCalibration.Nominal().ToMillivolts(4095), 2);
        Assert.Equal(0f, ChannelCalibration.Nominal().ToMillivolts(0), 3);
    }

    [Fact]
    public void CalibratedSimulatedChannelsReadWithinTwoMillivolts()
    {
        // The simulated channels have up to ±2 % gain and ±20 mV offset error: tens of mV
        // uncalibrated. After the two-point calibration only quantisation (1.2 mV) remains.
        var pack = new PackModel(Chemistry.Nmc, 8, 3, 0.5, seed: 3);
        var adc = new SimCellAdc(pack, seed: 4) { NoiseCounts = 0 };
        var calibration = adc.Calibrate();
        double worstUncalibrated = 0;
        foreach (double soc in new[] { 0.0, 0.3, 0.6, 1.0 })
        {
            foreach (var cell in pack.Cells)
                cell.Soc = soc;
            for (int i = 0; i < 8; i++)
            {
                double truth = pack.CellVolts(i) * 1000;
                int counts = adc.ReadCounts(i);
                Assert.InRange(calibration[i].ToMillivolts(counts) - truth, -2.0, 2.0);
                worstUncalibrated = Math.Max(worstUncalibrated, Math.Abs(ChannelCalibration.Nominal().ToMillivolts(counts) - truth));
            }
        }

        Assert.True(worstUncalibrated > 10, $"the simulated errors should matter; worst uncalibrated error {worstUncalibrated:0.0} mV");
    }
}
