using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.Benchmark
{
    /// <summary>A console with nobody typing: the shell still polls it every cycle, as on the board.</summary>
    public sealed class IdleConsole : IConsolePort
    {
        public int Read(byte[] buffer, int offset, int count)
        {
            return 0;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
        }
    }
}
