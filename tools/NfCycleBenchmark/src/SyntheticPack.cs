using nanoFramework.BMS.Ports;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Uplink;

namespace nanoFramework.BMS.Benchmark
{
    /// <summary>
    /// The firmware on synthetic ports that allocate nothing, in virtual time: the one workload
    /// behind the IL counter, the interpreter benchmark and the BenchmarkDotNet benchmarks, so
    /// all three measure the same cycle. The contactor is closed, the current swings between
    /// charge and discharge, and nothing ever trips.
    /// Two boards: one with the local JSON uplink (an IUplink port, no MQTT), and the ESP32's, with
    /// an MQTT port and no IUplink, whose uplink thread RunUplinkPass plays in virtual time.
    /// </summary>
    public sealed class SyntheticPack
    {
        public const float CapacityAh = 3f;

        public readonly PackController Firmware;
        public readonly OutputChecksum Checksum = new OutputChecksum();

        /// <summary>The local JSON uplink; null on the MQTT board.</summary>
        public readonly SyntheticUplink Uplink;

        /// <summary>The MQTT session; null on the board with the local uplink.</summary>
        public readonly SyntheticMqtt Mqtt;
        public readonly int PeriodMs;

        /// <summary>How often the uplink thread passes (UplinkSettings.LoopSleepMs), in virtual time.</summary>
        public readonly int UplinkPassMs;

        private readonly SyntheticClock _clock = new SyntheticClock();
        private readonly SyntheticAnalogInputs _cells = SyntheticAnalogInputs.CellTaps();
        private readonly SyntheticAnalogInputs _thermistors = SyntheticAnalogInputs.Thermistors();
        private readonly SyntheticCurrentSensor _current = new SyntheticCurrentSensor();
        private long _cycle;
        private long _nextUplinkPassMs;

        /// <summary>The board with the local JSON uplink (docs/telemetry.md) and no MQTT port.</summary>
        public SyntheticPack(int cells, int thermistors, int sampleRateHz)
            : this(cells, thermistors, sampleRateHz, null)
        {
        }

        /// <summary>The ESP32's board: an MQTT port with these telemetry settings, no local uplink.</summary>
        public SyntheticPack(int cells, int thermistors, int sampleRateHz, PayloadFormat format, TelemetryMode mode)
            : this(cells, thermistors, sampleRateHz, MqttSettings(format, mode))
        {
        }

        private SyntheticPack(int cells, int thermistors, int sampleRateHz, UplinkSettings mqtt)
        {
            PackProfile profile = ProfilePresets.Nmc(cells, thermistors, CapacityAh, sampleRateHz);
            PeriodMs = profile.PeriodMs;
            _current.Cells = cells;
            _current.Taps = _cells;

            BoardPorts ports = new BoardPorts();
            ports.Clock = _clock;
            ports.CellInputs = _cells;
            ports.ThermistorInputs = _thermistors;
            ports.CurrentSensor = _current;
            SyntheticOutput main = new SyntheticOutput(Checksum, 0x10);
            SyntheticOutput precharge = new SyntheticOutput(Checksum, 0x20);
            ports.Contactor = main;
            ports.Precharge = precharge;
            ports.LinkVoltageInput = new SyntheticLink(main, precharge, _current);
            if (mqtt == null)
            {
                Uplink = new SyntheticUplink(Checksum);
                ports.Uplink = Uplink;
            }
            else
            {
                Mqtt = new SyntheticMqtt(Checksum);
                ports.Mqtt = Mqtt;
                ports.MqttSettings = mqtt;
                UplinkPassMs = mqtt.LoopSleepMs;
            }

            ports.Console = new IdleConsole();
            ports.Storage = new EmptyStorage();

            Firmware = new PackController(profile, ports);
            if (Uplink != null)
                Uplink.TelemetryTopic = Firmware.TelemetryTopic;
            else
                Mqtt.Broker.TelemetryTopic = Firmware.Mqtt.TelemetryTopic;
            Firmware.RequestClose();
        }

        private static UplinkSettings MqttSettings(PayloadFormat format, TelemetryMode mode)
        {
            UplinkSettings settings = new UplinkSettings();
            settings.Format = format;
            settings.Mode = mode;
            return settings;
        }

        /// <summary>From now on no current flows (the estimator cost's rest phase; the cycle benchmark never rests).</summary>
        public void Rest()
        {
            _current.Resting = true;
        }

        public long Cycles
        {
            get { return _cycle; }
        }

        /// <summary>Messages published so far; the IL counter reads them to find the telemetry cycles.</summary>
        public int TelemetryMessages
        {
            get { return Uplink != null ? Uplink.TelemetryMessages : Mqtt.TelemetryMessages; }
        }

        public int LatchedFaults
        {
            get { return Firmware.Faults.LatchedCount; }
        }

        /// <summary>One sample period: time moves on, the inputs move on, the firmware runs one cycle.</summary>
        public void RunCycle()
        {
            _cycle++;
            _clock.Ms += PeriodMs;
            _cells.Cycle = _cycle;
            _thermistors.Cycle = _cycle;
            _current.Cycle = _cycle;
            Firmware.RunCycle();
        }

        /// <summary>
        /// One pass of the uplink thread (MqttUplink.Service) when one is due by now, every
        /// UplinkPassMs as the board's RunLoop paces it; false when none is due (or there is no
        /// MQTT port). On the device the pass runs on its own thread; here it runs after the cycle.
        /// </summary>
        public bool RunUplinkPass()
        {
            if (Mqtt == null || _clock.Ms < _nextUplinkPassMs)
                return false;
            _nextUplinkPassMs += UplinkPassMs;
            Firmware.Mqtt.Service();
            return true;
        }

        /// <summary>Cycles, each followed by the uplink passes due by then.</summary>
        public void Run(int cycles)
        {
            for (int i = 0; i < cycles; i++)
            {
                RunCycle();
                while (RunUplinkPass())
                {
                }
            }
        }
    }
}
