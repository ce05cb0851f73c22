using nanoFramework.BMS.Uplink;

namespace nanoFramework.BMS.Ports
{
    /// <summary>Everything a board hands to the firmware. The firmware never sees what is behind these.</summary>
    public sealed class BoardPorts
    {
        public IClock Clock;
        public IAnalogInputs CellInputs;
        public IAnalogInputs ThermistorInputs;
        public ICurrentSensor CurrentSensor;

        /// <summary>The load-side (link) voltage, channel 0, for precharge and weld detection.</summary>
        public IAnalogInputs LinkVoltageInput;
        public IDigitalOutput Contactor;
        public IDigitalOutput Precharge;
        public IUplink Uplink;
        public IConsolePort Console;
        public IStorage Storage;
        public IWatchdog Watchdog;

        /// <summary>The MQTT session; null on a board without a broker (then only Uplink is used).</summary>
        public IMqttTransport Mqtt;

        /// <summary>Topic prefix, payload format, command key: the board's provisioning for Mqtt.</summary>
        public UplinkSettings MqttSettings;

        /// <summary>
        /// The console PIN a fresh board starts with (printed on its label), until a technician
        /// sets another. Without one nobody can log in, so nothing can be changed at the console.
        /// </summary>
        public string FactoryPin;

        /// <summary>
        /// Something unique to this controller (the ESP32's MAC address, a serial number), mixed
        /// into the PIN's salt so two controllers with the same PIN store different hashes.
        /// </summary>
        public string DeviceSerial;
    }
}
