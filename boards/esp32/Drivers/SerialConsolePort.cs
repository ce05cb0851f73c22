using System;
using System.IO.Ports;
using nanoFramework.BMS.Ports;
using nanoFramework.Hardware.Esp32;

namespace nanoFramework.BMS.Esp32.Drivers
{
    /// <summary>
    /// The technician's console on a UART (COM2; COM1 is nanoFramework's debugger). Reads never
    /// block: only what the driver already holds is taken, so the control cycle that polls the
    /// console is never held up by a quiet line. Writes go into the driver's buffer, sized in the
    /// board configuration to hold the longest answer, so they return before the bytes are on the wire.
    /// </summary>
    public sealed class SerialConsolePort : IConsolePort
    {
        private readonly SerialPort _port;

        public SerialConsolePort(string portName, int txPin, int rxPin, int baud, int bufferBytes)
        {
            if (portName == "COM2")
            {
                Configuration.SetPinFunction(txPin, DeviceFunction.COM2_TX);
                Configuration.SetPinFunction(rxPin, DeviceFunction.COM2_RX);
            }

            _port = new SerialPort(portName, baud);
            _port.ReadBufferSize = bufferBytes;
            _port.WriteBufferSize = bufferBytes;
            _port.ReadTimeout = 0;

            // A terminal that stops reading must not hold the control cycle past its watchdog.
            _port.WriteTimeout = 100;
            _port.Open();
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            try
            {
                int waiting = _port.BytesToRead;
                if (waiting <= 0)
                    return 0;
                return _port.Read(buffer, offset, waiting < count ? waiting : count);
            }
            catch (Exception)
            {
                // A framing error or an empty buffer after all: nothing to read this cycle.
                return 0;
            }
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            try
            {
                _port.Write(buffer, offset, count);
            }
            catch (Exception)
            {
                // Nobody listening, or the buffer full past the timeout: console output is best effort.
            }
        }
    }
}
