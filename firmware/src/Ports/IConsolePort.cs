namespace nanoFramework.BMS.Ports
{
    /// <summary>A byte stream to a technician's terminal (a UART on the ESP32, stdin/stdout on the simulator).</summary>
    public interface IConsolePort
    {
        /// <summary>Copies waiting input bytes into buffer without blocking; returns how many (0 when none).</summary>
        int Read(byte[] buffer, int offset, int count);

        void Write(byte[] buffer, int offset, int count);
    }
}
