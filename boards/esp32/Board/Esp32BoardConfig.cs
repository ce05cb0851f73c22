using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Uplink;

namespace nanoFramework.BMS.Esp32.Board
{
    /// <summary>
    /// The board as data: which pin does what, how the analog front end scales, where the
    /// INA219 sits, and the site's provisioning. DevKitC() is the ESP32-DevKitC wired as in
    /// docs/esp32.md; I:\board.ini (BoardSettingsText) overrides the provisioning and the
    /// front-end values of one build. Nothing here touches hardware, so the host tests read it too.
    /// </summary>
    public sealed class Esp32BoardConfig
    {
        // ------------------------------------------------------------ the pack a fresh board runs
        // Until a site saves its own configuration at the console (config set ..., config save).

        public Chemistry Chemistry = Chemistry.Nmc;
        public int Cells = 16;
        public int Thermistors = 8;
        public float CapacityAh = 3f;

        /// <summary>
        /// 20 Hz: 16 taps, 8 thermistors and the INA219 through the interpreter take several
        /// milliseconds a cycle on an ESP32, and the uplink thread needs time too. Raise it only
        /// after `status` shows no cycle_overrun at the rate wanted.
        /// </summary>
        public int SampleRateHz = 20;

        // ------------------------------------------------------------ analog inputs (ADC1 only)

        /// <summary>Cell 1 first (the cell at the pack's negative end).</summary>
        public AnalogTap[] CellTaps;
        public AnalogTap[] ThermistorTaps;

        /// <summary>The load side of the contactor, for precharge and weld detection.</summary>
        public AnalogTap LinkTap;

        /// <summary>CD74HC4067 select lines S0, S1, S2, S3, shared by the cell and the thermistor multiplexer.</summary>
        public int[] MultiplexerSelectPins;

        /// <summary>The multiplexers' common enable (active low), or -1 when it is tied to ground.</summary>
        public int MultiplexerEnablePin = -1;

        /// <summary>
        /// Wait after switching inputs before converting: the channel's filter capacitor and the
        /// ADC's sampling capacitor must settle through the front end's output resistance.
        /// </summary>
        public int MultiplexerSettleMicroseconds = 50;

        /// <summary>
        /// The ESP32 ADC at 11 dB without eFuse calibration, roughly: millivolts at the pin =
        /// counts x gain + offset, linear from about 150 to 2450 mV and off by several percent from
        /// chip to chip. Only the starting point of every channel's calibration, and the conversion
        /// of thermistor readings (which the firmware does not calibrate): measure it once per
        /// board for better temperatures (docs/esp32.md, calibration).
        /// </summary>
        public float AdcMillivoltsPerCount = 0.75f;
        public float AdcOffsetMillivolts = 120f;

        /// <summary>Cell volts per volt at the ADC pin: the cell front end's gain of 1/2.</summary>
        public float CellVoltsPerAdcVolt = 2f;

        /// <summary>Load-side volts per volt at the ADC pin: 1 MOhm over 33 kOhm.</summary>
        public float LinkVoltsPerAdcVolt = 1033f / 33f;

        /// <summary>Each NTC (10 kOhm, B 3435) sits between its input and ground, pulled up to the supply through this resistor.</summary>
        public float NtcPullUpOhms = 33000f;
        public float NtcSupplyMillivolts = 3300f;

        // ------------------------------------------------------------ INA219 on I2C1

        public int I2cBus = 1;
        public int I2cDataPin = 21;
        public int I2cClockPin = 22;

        /// <summary>The INA219 measuring the current, on the shunt in the pack's negative lead (A0 = A1 = GND).</summary>
        public int Ina219Address = 0x40;

        /// <summary>75 mV at 50 A: a common 1.5 mOhm shunt. The PGA's 320 mV range reads up to 213 A.</summary>
        public float ShuntOhms = 0.0015f;

        /// <summary>Amperes per count of the current register: 4 mA gives +/-131 A in its 32,767 counts.</summary>
        public float CurrentLsbAmps = 0.004f;

        /// <summary>
        /// The INA219 whose bus input reads the pack voltage. An INA219 takes at most 26 V on its
        /// inputs, so above 6 NMC cells the current INA219 cannot sit at pack potential: a second one
        /// (A0 = VS, 0x41) reads the pack through a divider with IN+ and IN- tied together. The
        /// current INA219's own address when the pack is at most 26 V and the shunt is high side.
        /// </summary>
        public int PackVoltmeterAddress = 0x41;

        /// <summary>Pack volts per volt at the voltmeter's bus input: 20 kOhm over 10 kOhm (1 for a direct reading).</summary>
        public float PackVoltsPerBusVolt = 3f;

        // ------------------------------------------------------------ outputs

        /// <summary>Contactor coil driver (a logic-level MOSFET with a 10 kOhm pull-down on its gate: off while the pin floats at reset).</summary>
        public int ContactorPin = 26;
        public int PrechargePin = 27;

        // ------------------------------------------------------------ console

        /// <summary>COM1 is nanoFramework's debugger; the technician's console is COM2 on its own pins.</summary>
        public string ConsolePort = "COM2";
        public int ConsoleTxPin = 17;
        public int ConsoleRxPin = 16;
        public int ConsoleBaud = 115200;

        /// <summary>
        /// The UART driver's buffer (native memory, not the managed heap): large enough for the
        /// longest answer (`config show`, about 13 KB), so writing it never stalls the control cycle.
        /// </summary>
        public int ConsoleBufferBytes = 16384;

        // ------------------------------------------------------------ provisioning

        public BrokerSettings Broker = new BrokerSettings();

        /// <summary>The console PIN of a fresh board. Set a per-board one in board.ini and print it on the label.</summary>
        public string FactoryPin = "1234";

        /// <summary>Where the firmware's blobs live: the internal LittleFS partition.</summary>
        public string StorageRoot = "I:\\";

        public static Esp32BoardConfig DevKitC()
        {
            Esp32BoardConfig c = new Esp32BoardConfig();

            // Two CD74HC4067 on the same select lines: cells on GPIO36 (ADC1 channel 0), thermistors on GPIO39 (channel 3).
            c.CellTaps = new AnalogTap[PackProfile.MaxCells];
            for (int i = 0; i < c.CellTaps.Length; i++)
                c.CellTaps[i] = new AnalogTap(0, i);
            c.ThermistorTaps = new AnalogTap[PackProfile.MaxThermistors];
            for (int i = 0; i < c.ThermistorTaps.Length; i++)
                c.ThermistorTaps[i] = new AnalogTap(3, i);

            // The load side on its own pin, GPIO34 (channel 6), so precharge is read without switching.
            c.LinkTap = new AnalogTap(6, AnalogTap.Direct);

            // S0..S3 on GPIO 23, 19, 18, 5: plain outputs, no ADC1 pin; the multiplexers' CMOS inputs
            // pull nothing, so GPIO5's strapping at reset is left alone.
            c.MultiplexerSelectPins = new int[] { 23, 19, 18, 5 };
            return c;
        }

        /// <summary>
        /// The profile of a fresh board: the chemistry's preset, every cell and the load side
        /// starting from the front end's nominal scaling, so readings are close before the
        /// technician calibrates them with a meter.
        /// </summary>
        public PackProfile DefaultProfile()
        {
            PackProfile profile = ProfilePresets.For(Chemistry, Cells, Thermistors, CapacityAh, SampleRateHz);
            for (int i = 0; i < profile.CellCalibration.Length; i++)
                profile.CellCalibration[i] = Nominal(CellVoltsPerAdcVolt);
            profile.LinkCalibration = Nominal(LinkVoltsPerAdcVolt);
            return profile;
        }

        /// <summary>
        /// The uplink a fresh board starts with. Aggregate mode and few slots because an ESP32
        /// without PSRAM has 50-80 KB of managed heap for everything, M2Mqtt's four threads and
        /// buffers included: one-second min/max/mean cost the same few arrays at any sample rate,
        /// where a batch of every sample at 20 Hz and 16 cells is 4 KB and a samples-mode slot up to
        /// 8 KB. CBOR: smaller slots (numbers take at most 5 bytes) and about half the wire bytes.
        /// One telemetry slot keeps the newest second while the broker is away (older seconds are
        /// dropped and counted); two alert slots, after which alerts take telemetry's room; the
        /// flight recorder keeps every fault regardless. A module with PSRAM (WROVER) can raise
        /// uplink.telemetry_slots and uplink.alert_slots at the console.
        /// </summary>
        public UplinkSettings UplinkDefaults()
        {
            UplinkSettings settings = new UplinkSettings();
            settings.Mode = TelemetryMode.Aggregate;
            settings.Format = PayloadFormat.Cbor;
            settings.TelemetrySlots = 1;
            settings.AlertSlots = 2;
            return settings;
        }

        private ChannelCalibration Nominal(float inputVoltsPerAdcVolt)
        {
            return new ChannelCalibration(inputVoltsPerAdcVolt * AdcMillivoltsPerCount, inputVoltsPerAdcVolt * AdcOffsetMillivolts);
        }
    }
}
