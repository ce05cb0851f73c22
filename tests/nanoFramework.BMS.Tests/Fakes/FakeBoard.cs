using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Ports;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Uplink;

namespace nanoFramework.BMS.Tests.Fakes;

/// <summary>The firmware on fake ports with values a test sets directly.</summary>
public sealed class FakeBoard
{
    public readonly FakeClock Clock = new();
    public readonly FakeAnalogInputs Cells;
    public readonly FakeAnalogInputs Thermistors;
    public readonly FakeCurrentSensor Current;
    public readonly FakeOutput Contactor = new();
    public readonly FakeOutput Precharge = new();
    public readonly FakeUplink Uplink = new();
    public readonly FakeConsole Console = new();
    public readonly FakeStorage Storage;
    public readonly FakeLinkInput Link;
    public readonly FakeWatchdog Watchdog = new();
    public readonly PackProfile Profile;
    public PackController Firmware;

    /// <summary>Counts for 3700 mV on a nominal cell channel and for 25 °C on a thermistor.</summary>
    public static readonly int NormalCellCounts = CellCounts(3700);
    public const int RoomTemperatureCounts = 2048;

    public readonly FakeMqttTransport? Mqtt;
    public readonly UplinkSettings? MqttSettings;

    public readonly string? FactoryPin;

    /// <summary>Unique per fake board, as a MAC address would be.</summary>
    public readonly string DeviceSerial = "fake-" + Guid.NewGuid().ToString("N")[..8];

    public FakeBoard(PackProfile? profile = null, FakeStorage? storage = null, FakeMqttTransport? mqtt = null, UplinkSettings? mqttSettings = null, string? factoryPin = null)
    {
        FactoryPin = factoryPin;
        Mqtt = mqtt;
        MqttSettings = mqttSettings;
        Profile = profile ?? ProfilePresets.Nmc(4, 2, 3f, 100);
        Cells = new FakeAnalogInputs(Profile.CellCount, NormalCellCounts);
        Thermistors = new FakeAnalogInputs(Profile.ThermistorCount, RoomTemperatureCounts);
        Storage = storage ?? new FakeStorage();
        Current = new FakeCurrentSensor(Cells);
        Link = new FakeLinkInput(Current, Contactor, Precharge);
        Firmware = new PackController(Profile, Ports());
    }

    public BoardPorts Ports() => new()
    {
        Clock = Clock,
        CellInputs = Cells,
        ThermistorInputs = Thermistors,
        CurrentSensor = Current,
        LinkVoltageInput = Link,
        Watchdog = Watchdog,
        Contactor = Contactor,
        Precharge = Precharge,
        Uplink = Uplink,
        Console = Console,
        Storage = Storage,
        Mqtt = Mqtt,
        MqttSettings = MqttSettings,
        FactoryPin = FactoryPin,
        DeviceSerial = DeviceSerial,
    };

    /// <summary>The thermistor counts nearest to a temperature, through the firmware's own table.</summary>
    public static int ThermistorCounts(double celsius)
    {
        int best = 100;
        for (int counts = 100; counts < 4000; counts++)
        {
            if (Math.Abs(NtcTable.CountsToCelsius(counts) - celsius) < Math.Abs(NtcTable.CountsToCelsius(best) - celsius))
                best = counts;
        }

        return best;
    }

    public static int CellCounts(float millivolts) =>
        (int)Math.Round(millivolts / ChannelCalibration.Nominal().GainMillivoltsPerCount);

    /// <summary>Requests a close and runs the cycles the precharge needs; returns the refusal, if any.</summary>
    public string? Close()
    {
        string? refusal = Firmware.RequestClose();
        Step(2);
        return refusal;
    }

    public void Step(int cycles = 1)
    {
        for (int i = 0; i < cycles; i++)
        {
            Clock.NowMs += Profile.PeriodMs;
            Firmware.RunCycle();
        }
    }
}
