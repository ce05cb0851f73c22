using nanoFramework.BMS.Ports;
using nanoFramework.BMS.Profile;

namespace nanoFramework.BMS.Benchmark
{
    /// <summary>
    /// The firmware on synthetic ports that allocate nothing, in virtual time: the one workload
    /// behind the IL counter, the interpreter benchmark and the BenchmarkDotNet benchmarks, so
    /// all three measure the same cycle. The contactor is closed, the current swings between
    /// charge and discharge, and nothing ever trips.
    /// </summary>
    public sealed class SyntheticPack
    {
        public const float CapacityAh = 3f;

        public readonly PackController Firmware;
        public readonly OutputChecksum Checksum = new OutputChecksum();
        public readonly SyntheticUplink Uplink;
        public readonly int PeriodMs;

        private readonly SyntheticClock _clock = new SyntheticClock();
        private readonly SyntheticAnalogInputs _cells = SyntheticAnalogInputs.CellTaps();
        private readonly SyntheticAnalogInputs _thermistors = SyntheticAnalogInputs.Thermistors();
        private readonly SyntheticCurrentSensor _current = new SyntheticCurrentSensor();
        private long _cycle;

        public SyntheticPack(int cells, int thermistors, int sampleRateHz)
        {
            PackProfile profile = ProfilePresets.Nmc(cells, thermistors, CapacityAh, sampleRateHz);
            PeriodMs = profile.PeriodMs;
            _current.Cells = cells;
            _current.Taps = _cells;
            Uplink = new SyntheticUplink(Checksum);

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
            ports.Uplink = Uplink;
            ports.Console = new IdleConsole();
            ports.Storage = new EmptyStorage();

            Firmware = new PackController(profile, ports);
            Uplink.TelemetryTopic = Firmware.TelemetryTopic;
            Firmware.RequestClose();
        }

        public long Cycles
        {
            get { return _cycle; }
        }

        /// <summary>Messages published so far; the IL counter reads them to find the telemetry cycles.</summary>
        public int TelemetryMessages
        {
            get { return Uplink.TelemetryMessages; }
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

        public void Run(int cycles)
        {
            for (int i = 0; i < cycles; i++)
                RunCycle();
        }
    }
}
