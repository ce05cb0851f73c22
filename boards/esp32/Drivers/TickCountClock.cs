using System;
using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.Esp32.Drivers
{
    /// <summary>
    /// Milliseconds since boot from the system tick. Monotonic: DateTime.UtcNow jumps when SNTP
    /// sets the clock after WiFi connects, which would stretch or cut a debounce.
    /// </summary>
    public sealed class TickCountClock : IClock
    {
        public long NowMs
        {
            get { return Environment.TickCount64; }
        }
    }
}
