using System;
using System.Device.Gpio;
using System.Device.I2c;
using System.Threading;
using nanoFramework.BMS.Esp32.Board;
using nanoFramework.BMS.Esp32.Drivers;
using nanoFramework.BMS.Ports;
using nanoFramework.BMS.Profile;
using nanoFramework.Hardware.Esp32;
using nanoFramework.Runtime.Native;

namespace nanoFramework.BMS.Esp32
{
    /// <summary>
    /// Wiring only: the relays off first, then the board configuration, the adapters, the
    /// firmware, the uplink thread, and the control loop at the profile's sample period.
    /// Everything that decides anything is in the firmware (firmware/src), tested on the host.
    /// </summary>
    public static class Program
    {
        private const string SettingsFile = "board.ini";

        public static void Main()
        {
            // The coils are off before anything else runs or can fail.
            Esp32BoardConfig board = Esp32BoardConfig.DevKitC();
            GpioController gpio = new GpioController();
            GpioRelay contactor = new GpioRelay(gpio, board.ContactorPin);
            GpioRelay precharge = new GpioRelay(gpio, board.PrechargePin);
            ControlLoop loop;
            try
            {
                string settingsProblem = BoardSettingsFile.Apply(board.StorageRoot + SettingsFile, board);

                Esp32Adc1 adc = new Esp32Adc1();
                Cd74hc4067 multiplexer = new Cd74hc4067(gpio, board.MultiplexerSelectPins, board.MultiplexerEnablePin, board.MultiplexerSettleMicroseconds);
                Configuration.SetPinFunction(board.I2cDataPin, DeviceFunction.I2C1_DATA);
                Configuration.SetPinFunction(board.I2cClockPin, DeviceFunction.I2C1_CLOCK);
                I2cDevice currentDevice = I2cDevice.Create(new I2cConnectionSettings(board.I2cBus, board.Ina219Address));
                I2cDevice voltmeterDevice = board.PackVoltmeterAddress == board.Ina219Address
                    ? null
                    : I2cDevice.Create(new I2cConnectionSettings(board.I2cBus, board.PackVoltmeterAddress));
                SerialConsolePort console = new SerialConsolePort(board.ConsolePort, board.ConsoleTxPin, board.ConsoleRxPin, board.ConsoleBaud, board.ConsoleBufferBytes);
                if (settingsProblem != null)
                    Say(console, "board.ini: " + settingsProblem);

                TickCountClock clock = new TickCountClock();
                PackProfile defaults = board.DefaultProfile();
                ExecutionConstraintWatchdog watchdog = new ExecutionConstraintWatchdog(defaults.Safety.WatchdogTimeoutMs);
                WifiStation wifi = new WifiStation(board.Broker.WifiSsid, board.Broker.WifiPassword, 4 * board.Broker.TimeoutMs);

                BoardPorts ports = new BoardPorts();
                ports.Clock = clock;
                ports.CellInputs = new MultiplexedAdcInputs(adc, multiplexer, board.CellTaps);
                ports.ThermistorInputs = new NtcThermistorInputs(
                    new MultiplexedAdcInputs(adc, multiplexer, board.ThermistorTaps),
                    new NtcTableCounts(board.NtcPullUpOhms, board.NtcSupplyMillivolts, board.AdcMillivoltsPerCount, board.AdcOffsetMillivolts));
                ports.LinkVoltageInput = new MultiplexedAdcInputs(adc, multiplexer, new AnalogTap[] { board.LinkTap });
                ports.CurrentSensor = new Ina219CurrentSensor(currentDevice, voltmeterDevice, board.ShuntOhms, board.CurrentLsbAmps, board.PackVoltsPerBusVolt);
                ports.Contactor = contactor;
                ports.Precharge = precharge;
                ports.Console = console;
                ports.Storage = new FlashFileStorage(board.StorageRoot);
                ports.Watchdog = watchdog;
                ports.Mqtt = new M2MqttTransport(board.Broker, wifi);
                ports.MqttSettings = board.UplinkDefaults();
                ports.FactoryPin = board.FactoryPin;
                ports.DeviceSerial = WifiStation.MacAddress();

                PackController controller = PackController.Boot(defaults, ports);
                watchdog.TimeoutMs = controller.Profile.Safety.WatchdogTimeoutMs;

                Thread uplink = new Thread(controller.Mqtt.RunLoop);
                uplink.Priority = ThreadPriority.BelowNormal;
                uplink.Start();

                loop = new ControlLoop(controller, clock, controller.Profile.PeriodMs);
            }
            catch (Exception)
            {
                // A board that cannot be built stays with its coils off: a reboot would not fix it,
                // and the debugger port (COM1) still shows why.
                contactor.Write(false);
                precharge.Write(false);
                Thread.Sleep(Timeout.Infinite);
                return;
            }

            try
            {
                Thread.CurrentThread.Priority = ThreadPriority.AboveNormal;
                loop.Run();
            }
            catch (Exception)
            {
                // The watchdog's ConstraintException outside a cycle (or anything else that escaped
                // the firmware's own guard): drop the coils and start over, as a hardware watchdog would.
                contactor.Write(false);
                precharge.Write(false);
                Power.RebootDevice();
            }
        }

        private static void Say(IConsolePort console, string line)
        {
            string text = line + "\r\n";
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < bytes.Length; i++)
                bytes[i] = (byte)text[i];
            console.Write(bytes, 0, bytes.Length);
        }
    }
}
