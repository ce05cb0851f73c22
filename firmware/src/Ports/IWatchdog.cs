namespace nanoFramework.BMS.Ports
{
    /// <summary>
    /// A watchdog outside the firmware's control flow: when the control cycle stops feeding it,
    /// it opens the contactor (on the ESP32 by resetting the chip, whose outputs reset open).
    /// </summary>
    public interface IWatchdog
    {
        void Feed();
    }
}
