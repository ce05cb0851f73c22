using System.Text;
using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Esp32.Board;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Uplink;

namespace nanoFramework.BMS.Tests.Esp32;

/// <summary>
/// The ESP32-DevKitC board as configured (boards/esp32/Board): the pin map is one a DevKitC can
/// carry, every analog signal stays inside the ADC's usable window at 11 dB, the NTC conversion
/// gives the firmware's table the temperatures back, and the site's board.ini is read as documented.
/// </summary>
public class Esp32BoardConfigTests
{
    /// <summary>ADC1 channel to GPIO on the ESP32.</summary>
    private static readonly int[] Adc1Gpio = [36, 37, 38, 39, 32, 33, 34, 35];

    /// <summary>The ESP32 ADC's usable range at 11 dB attenuation, mV at the pin.</summary>
    private const float AdcLowMillivolts = 150f;
    private const float AdcHighMillivolts = 2450f;

    private static readonly Esp32BoardConfig Board = Esp32BoardConfig.DevKitC();

    [Fact]
    public void EveryPinHasOneJobAndCanDoIt()
    {
        var outputs = new List<int> { Board.ContactorPin, Board.PrechargePin, Board.ConsoleTxPin, Board.I2cDataPin, Board.I2cClockPin };
        outputs.AddRange(Board.MultiplexerSelectPins);
        var analog = Board.CellTaps.Concat(Board.ThermistorTaps).Append(Board.LinkTap).Select(t => Adc1Gpio[t.Adc1Channel]).Distinct().ToList();
        var all = outputs.Append(Board.ConsoleRxPin).Concat(analog).ToList();

        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.DoesNotContain(all, pin => pin >= 6 && pin <= 11);            // the SPI flash
        Assert.DoesNotContain(outputs, pin => pin >= 34);                    // input-only pins
        Assert.DoesNotContain(outputs, pin => pin == 2 || pin == 12);        // boot straps that must not be driven high at reset
        Assert.Equal(4, Board.MultiplexerSelectPins.Length);
    }

    [Fact]
    public void EveryTapIsOnAdc1AndNoTwoShareAnInput()
    {
        var taps = Board.CellTaps.Concat(Board.ThermistorTaps).Append(Board.LinkTap).ToList();
        Assert.Equal(PackProfile.MaxCells, Board.CellTaps.Length);
        Assert.Equal(PackProfile.MaxThermistors, Board.ThermistorTaps.Length);
        Assert.All(taps, t => Assert.InRange(t.Adc1Channel, 0, 7));
        Assert.All(taps, t => Assert.InRange(t.MultiplexerInput, AnalogTap.Direct, 15));
        Assert.Equal(taps.Count, taps.Select(t => (t.Adc1Channel, t.MultiplexerInput)).Distinct().Count());

        // A direct input must not share its pin with a multiplexer's output.
        var multiplexed = taps.Where(t => t.MultiplexerInput != AnalogTap.Direct).Select(t => t.Adc1Channel).ToHashSet();
        Assert.DoesNotContain(taps.Where(t => t.MultiplexerInput == AnalogTap.Direct), t => multiplexed.Contains(t.Adc1Channel));
    }

    [Fact]
    public void EverySignalStaysInsideTheAdcWindowAt11dB()
    {
        var safety = new SafetyParameters();
        float packMaxMillivolts = PackProfile.MaxCells * 4250f;

        // Cells over the firmware's whole plausible range.
        Assert.InRange(safety.MinPlausibleCellMillivolts / Board.CellVoltsPerAdcVolt, AdcLowMillivolts, AdcHighMillivolts);
        Assert.InRange(safety.MaxPlausibleCellMillivolts / Board.CellVoltsPerAdcVolt, AdcLowMillivolts, AdcHighMillivolts);

        // The load side up to a full 16-cell pack, and still readable at a single cell's voltage.
        Assert.InRange(packMaxMillivolts / Board.LinkVoltsPerAdcVolt, AdcLowMillivolts, AdcHighMillivolts);
        Assert.True(3000f / Board.LinkVoltsPerAdcVolt >= 0.5f * AdcLowMillivolts);

        // The INA219 voltmeter's bus input takes at most 26 V.
        Assert.True(packMaxMillivolts / Board.PackVoltsPerBusVolt <= 26000f);

        // Thermistors over every preset's limits, -20 to 60 °C.
        for (int celsius = -20; celsius <= 60; celsius += 5)
            Assert.InRange(NtcPinMillivolts(celsius), AdcLowMillivolts, AdcHighMillivolts);
    }

    [Fact]
    public void TheNtcConversionGivesTheFirmwareItsTemperatureBack()
    {
        var counts = new NtcTableCounts(Board.NtcPullUpOhms, Board.NtcSupplyMillivolts, Board.AdcMillivoltsPerCount, Board.AdcOffsetMillivolts);
        for (int celsius = -20; celsius <= 80; celsius++)
        {
            int adc = (int)Math.Round((NtcPinMillivolts(celsius) - Board.AdcOffsetMillivolts) / Board.AdcMillivoltsPerCount);
            float read = NtcTable.CountsToCelsius(counts.FromAdcCounts(adc));
            Assert.InRange(read, celsius - 0.5f, celsius + 0.5f);
        }

        // A failed conversion stays a failure; the ADC's ends are the table's rails (shorted, open).
        Assert.Equal(-1, counts.FromAdcCounts(-1));
        Assert.Equal(0, counts.FromAdcCounts(0));
        Assert.Equal(ChannelCalibration.FullScaleCounts, counts.FromAdcCounts(4095));
    }

    [Fact]
    public void AFreshBoardRunsAValidProfileWithCellsCloseBeforeCalibration()
    {
        PackProfile profile = Board.DefaultProfile();
        Assert.Null(profile.Validate());
        Assert.Equal(16, profile.CellCount);
        Assert.Equal(8, profile.ThermistorCount);

        // 4.2 V on a cell is 2.1 V at the pin; the nominal map reads it back.
        int counts = (int)Math.Round((2100f - Board.AdcOffsetMillivolts) / Board.AdcMillivoltsPerCount);
        Assert.InRange(profile.CellCalibration[15].ToMillivolts(counts), 4198f, 4202f);
        int linkCounts = (int)Math.Round((60000f / Board.LinkVoltsPerAdcVolt - Board.AdcOffsetMillivolts) / Board.AdcMillivoltsPerCount);
        Assert.InRange(profile.LinkCalibration.ToMillivolts(linkCounts), 59950f, 60050f);
    }

    [Fact]
    public void TheUplinkStartsInAggregateCborWithFewSlots()
    {
        UplinkSettings settings = Board.UplinkDefaults();
        Assert.Equal("", settings.Check());
        Assert.Equal(TelemetryMode.Aggregate, settings.Mode);
        Assert.Equal(PayloadFormat.Cbor, settings.Format);
        Assert.Equal(1, settings.TelemetrySlots);
        Assert.Equal(2, settings.AlertSlots);
    }

    [Fact]
    public void TheExampleBoardIniAppliesCleanly()
    {
        byte[] text = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Esp32", "board.ini.example"));
        var config = Esp32BoardConfig.DevKitC();

        Assert.Null(BoardSettingsText.Apply(text, text.Length, config));
        Assert.Equal("your-network", config.Broker.WifiSsid);
        Assert.Equal("broker.example.org", config.Broker.Host);
        Assert.Equal(8883, config.Broker.Port);
        Assert.True(config.Broker.Tls);
        Assert.Equal("I:\\ca.pem", config.Broker.CaCertificateFile);
        Assert.Equal(0x41, config.PackVoltmeterAddress);
        Assert.Equal(0.0015f, config.ShuntOhms);
        Assert.Equal(20, config.SampleRateHz);
    }

    [Fact]
    public void ABadLineIsReportedAndTheOthersStillApply()
    {
        string ini = "# site 7\r\nwifi.ssid = plant-7  \r\nmqtt.port = 70000\r\nina219.address = 0x50\r\nbogus = 1\r\nno equals sign\r\nmqtt.tls = off\r\nmqtt.host=10.0.0.5\r\n";
        byte[] text = Encoding.ASCII.GetBytes(ini);
        var config = Esp32BoardConfig.DevKitC();

        string? problems = BoardSettingsText.Apply(text, text.Length, config);

        Assert.Equal(
            "line 3: mqtt.port expects a whole number from 1 to 65535; line 4: ina219.address expects an INA219 address, 0x40 to 0x4F; line 5: bogus is not a board.ini key; line 6: expected key = value",
            problems);
        Assert.Equal("plant-7", config.Broker.WifiSsid);
        Assert.Equal(8883, config.Broker.Port);
        Assert.Equal(0x40, config.Ina219Address);
        Assert.False(config.Broker.Tls);
        Assert.Equal("10.0.0.5", config.Broker.Host);
    }

    /// <summary>The pin voltage of the board's NTC divider at a temperature (10 kOhm, B 3435, to ground; pull-up to the supply).</summary>
    private static float NtcPinMillivolts(float celsius)
    {
        double ohms = NtcTable.NominalOhms * Math.Exp(NtcTable.BetaKelvin * (1 / (celsius + 273.15) - 1 / 298.15));
        return (float)(Board.NtcSupplyMillivolts * ohms / (ohms + Board.NtcPullUpOhms));
    }
}
