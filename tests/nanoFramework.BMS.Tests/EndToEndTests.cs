using System.Text.Json;
using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Contactor;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Sim;
using nanoFramework.BMS.Sim.Mqtt;
using nanoFramework.BMS.Sim.Pack;
using nanoFramework.BMS.Sim.Peripherals;

namespace nanoFramework.BMS.Tests;

/// <summary>The firmware on the simulated board, in virtual time, against the pack model.</summary>
public class EndToEndTests
{
    [Theory]
    [InlineData(Chemistry.Nmc, 100)]
    [InlineData(Chemistry.Lfp, 10)]
    public void AHotCellOpensTheContactorWithinTheDebounceAndRaisesAnAlert(Chemistry chemistry, int rateHz)
    {
        // A warm pack (55 °C ambient) and a hot spot heating slower than the thermal-runaway
        // criterion (0.3 °C/s warns), so over-temperature is what trips.
        var board = new SimBoard(new SimBoardConfig { Chemistry = chemistry, Cells = 4, Thermistors = 2, SampleRateHz = rateHz, Seed = 7, AmbientCelsius = 55 });
        // Discharging: the charge window (tighter) does not apply, the discharge window does.
        board.Pack.Load = new ConstantCurrentLoad(-1.5);
        board.Step();
        Assert.Null(board.Firmware.RequestClose());
        board.RunFor(1000);
        Assert.True(board.Pack.ContactorClosed);

        int hotCell = board.ThermistorAdc.CellOf(1);
        board.Pack.Cells[hotCell].ExtraHeatWatts = 12;
        var rule = board.Profile.Limits.Single(r => r.Fault == FaultId.OverTemperature && r.Tier == Tier.Maximum);

        // The crossing as the firmware can see it: the noise-free counts of the cell's true
        // temperature, through the firmware's own table. Separately, that view must be within the
        // table's half a degree of the truth.
        Assert.False(board.Firmware.Faults.AnyLatched);
        board.ThermistorAdc.NoiseCounts = 0;
        long crossedMs = -1;
        long openedMs = -1;
        board.RunFor(300_000, () =>
        {
            double truth = board.Pack.Cells[hotCell].Celsius;
            float seen = NtcTable.CountsToCelsius((int)Math.Round(SimThermistorAdc.CountsAt(truth)));
            Assert.InRange(seen - truth, -0.5, 0.5);
            if (crossedMs < 0 && seen >= rule.Limit)
                crossedMs = board.NowMs;
            if (openedMs < 0 && !board.Pack.ContactorClosed)
                openedMs = board.NowMs;
            return openedMs >= 0;
        });

        Assert.True(crossedMs > 0, "the cell never reached the trip temperature");
        Assert.True(openedMs > 0, "the contactor never opened");
        int periodMs = board.Profile.PeriodMs;

        // The sensor is read at its turn in the scan, at most (scan cycles - 1) periods after the
        // crossing; the debounce then needs DebounceSamples samples past the trip, so the
        // contactor opens in the cycle (samples - 1) periods after that reading.
        int scanWaitMs = (PackSampler.TemperatureScanCycles(board.Profile) - 1) * periodMs;
        int debounceMs = (rule.DebounceSamples(periodMs) - 1) * periodMs;
        Assert.InRange(openedMs - crossedMs, debounceMs, debounceMs + scanWaitMs);
        Assert.True(openedMs - crossedMs <= rule.DebounceMs + scanWaitMs);
        Assert.Equal(ContactorState.Opening, board.Firmware.ContactorState);
        Assert.False(board.ContactorOutput.Energised);
        board.Step();
        Assert.Equal(0, board.Pack.Amps);

        var alert = board.Uplink.Messages.Single(m => m.Topic == board.Firmware.AlertTopic);
        using var json = JsonDocument.Parse(alert.Payload);
        var root = json.RootElement;
        Assert.Equal("over_temperature", root.GetProperty("fault").GetString());
        Assert.Equal(3, root.GetProperty("code").GetInt32());
        Assert.Equal(1, root.GetProperty("index").GetInt32());
        Assert.Equal("degC", root.GetProperty("unit").GetString());
        Assert.InRange(root.GetProperty("value").GetDouble(), rule.Limit, rule.Limit + 2);
        Assert.Equal("opening", root.GetProperty("contactor").GetString());
        Assert.Equal("maximum", root.GetProperty("tier").GetString());
        Assert.False(root.GetProperty("critical").GetBoolean());
        Assert.InRange(alert.TimeMs, openedMs - periodMs, openedMs);
        Assert.InRange(root.GetProperty("tMs").GetInt64(), openedMs - periodMs, openedMs);
    }

    [Fact]
    public void AnUnansweringInaOpensTheContactorWithASensorFault()
    {
        var board = new SimBoard(new SimBoardConfig { SampleRateHz = 100 });
        board.Pack.Load = new ConstantCurrentLoad(-3);
        board.Step();
        board.Firmware.RequestClose();
        board.RunFor(1000);
        Assert.True(board.Pack.ContactorClosed);

        long failedAt = board.NowMs;
        board.Inject("i2c_nack", "INA219 stops acknowledging", () => board.Ina219.Failure = I2cFailure.NoAcknowledge);
        board.RunFor(1000, () => !board.Pack.ContactorClosed);

        var rule = board.Profile.Limits.Single(r => r.Fault == FaultId.CurrentSensorLost);
        Assert.False(board.Pack.ContactorClosed);
        Assert.InRange(board.NowMs - failedAt, 1, rule.DebounceMs + board.Profile.PeriodMs);
        Assert.True(board.Firmware.Faults.Get(FaultId.CurrentSensorLost).Latched);
    }

    [Fact]
    public void TelemetryCarriesEverySampleOncePerSecondAndMatchesThePack()
    {
        var board = new SimBoard(new SimBoardConfig { Cells = 6, Thermistors = 3, SampleRateHz = 20, Seed = 5 });
        board.Pack.Load = new CcCvCharger(1.0, 4.2);
        board.Step();
        board.Firmware.RequestClose();
        board.RunFor(1000);
        board.Uplink.Messages.Clear();
        board.RunFor(10_000);

        var messages = board.Uplink.Messages.Where(m => m.Topic == board.Firmware.TelemetryTopic).ToList();
        Assert.Equal(10, messages.Count);
        int expectedSampleSeq = 21;
        long[][] cells = [];
        long[] current = [];
        long[] flags = [];
        for (int k = 0; k < messages.Count; k++)
        {
            // The MQTT uplink's samples-mode JSON (docs/mqtt.md), through a real JSON decoder.
            using var json = JsonDocument.Parse(messages[k].Payload);
            var root = json.RootElement;
            Assert.Equal(2, root.GetProperty("v").GetInt32());
            Assert.Equal("pack1", root.GetProperty("pack").GetString());
            Assert.Equal("samples", root.GetProperty("mode").GetString());
            Assert.Equal(k + 2, root.GetProperty("seq").GetInt32());
            Assert.Equal(50, root.GetProperty("periodMs").GetInt32());
            int n = root.GetProperty("n").GetInt32();
            Assert.Equal(20, n);
            Assert.Equal(expectedSampleSeq, root.GetProperty("sampleSeq").GetInt32());
            expectedSampleSeq += n;
            Assert.Equal(6, root.GetProperty("cells").GetInt32());
            Assert.Equal(3, root.GetProperty("temps").GetInt32());
            cells = WireDecoding.Undelta(root.GetProperty("cellMv"), n, 6);
            Assert.Equal(3, WireDecoding.Undelta(root.GetProperty("tempDeciC"), n, 3)[0].Length);
            current = WireDecoding.Undelta(root.GetProperty("currentMa"), n, 1).Select(row => row[0]).ToArray();
            Assert.Equal(n, WireDecoding.Undelta(root.GetProperty("packMv"), n, 1).Length);
            flags = WireDecoding.Undelta(root.GetProperty("flags"), n, 1).Select(row => row[0]).ToArray();
            Assert.Equal(messages[k].TimeMs, root.GetProperty("t0Ms").GetInt64() + (n - 1) * 50L);
            Assert.True(root.GetProperty("battery").GetProperty("socPct").GetDouble() > 0);
        }

        // The last sample of the last message against the model's truth.
        for (int i = 0; i < 6; i++)
            Assert.InRange(cells[^1][i], board.Pack.CellVolts(i) * 1000 - 6, board.Pack.CellVolts(i) * 1000 + 6);
        Assert.InRange(current[^1], board.Pack.Amps * 1000 - 15, board.Pack.Amps * 1000 + 15);
        Assert.Equal(1 | 4 | 8 | 16, flags[0]);
    }
}
