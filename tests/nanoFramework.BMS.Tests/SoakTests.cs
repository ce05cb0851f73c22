using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Sim;
using nanoFramework.BMS.Sim.Pack;

namespace nanoFramework.BMS.Tests;

/// <summary>
/// A simulated day of normal charge and discharge cycles with realistic sensor errors must not
/// trip once: a BMS that cries wolf gets bypassed. One class per chemistry, so xunit runs the
/// two days in parallel on two cores.
/// </summary>
public abstract class SoakTest(Chemistry chemistry, int rateHz)
{
    private const long DayMs = 24L * 3600 * 1000;

    [Fact]
    public void ADayOfCyclesWithSensorNoiseTripsNothing()
    {
        var board = new SimBoard(new SimBoardConfig { Chemistry = chemistry, Cells = 4, Thermistors = 2, SampleRateHz = rateHz, CapacityAh = 3, Seed = 21, InitialSoc = 0.3 });

        // Sensor errors: ADC noise (1 count on every channel, the default), INA219 gain error
        // 1 % and offset 20 mA on top of its noise.
        board.Ina219.GainError = 0.01;
        board.Ina219.OffsetAmps = 0.02;
        // CC-CV to just below each model's full-charge OCV (NMC 4.188 V, LFP 3.45 V), so the
        // charge tapers and ends; 1 C discharges down to near the operating limits.
        var cycler = chemistry == Chemistry.Lfp
            ? new CyclerLoad(1.5, 3.45, 3.0, 2.8, 1800)
            : new CyclerLoad(1.5, 4.18, 3.0, 3.05, 1800);
        board.Pack.Load = cycler;
        board.Step();
        Assert.Null(board.Firmware.RequestClose());

        for (long hour = 0; hour < 24; hour++)
        {
            // Day and night: ambient between 18 and 32 °C.
            board.Pack.AmbientCelsius = 25 + 7 * Math.Sin(2 * Math.PI * hour / 24);
            board.RunFor(DayMs / 24);
            Assert.True(board.Firmware.Faults.LatchedCount == 0, $"tripped in hour {hour}: {Latched(board)}");
        }

        Assert.True(board.Pack.ContactorClosed);
        Assert.True(cycler.Cycles >= 2, $"only {cycler.Cycles} full cycles in a day");
        Assert.Equal(DayMs, board.NowMs - board.Profile.PeriodMs);
    }

    private static string Latched(SimBoard board) => string.Join(", ",
        Enumerable.Range(0, board.Firmware.Faults.Capacity).Select(board.Firmware.Faults.At).Where(r => r.Latched)
            .Select(r => $"{FaultNames.Name(r.Id)} {r.Value} {r.Unit} #{r.Index} {r.Detail}"));
}

public class NmcSoakAt100Hz() : SoakTest(Chemistry.Nmc, 100);

public class LfpSoakAt100Hz() : SoakTest(Chemistry.Lfp, 100);
