using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.Sim.Peripherals;

/// <summary>
/// The board's watchdog: if the firmware stops feeding it for longer than the timeout, it
/// bites: the outputs drop (as an ESP32 reset leaves its GPIOs) and the board restarts the firmware.
/// </summary>
public sealed class SimWatchdog(Func<long> nowMs, int timeoutMs) : IWatchdog
{
    public long LastFeedMs { get; private set; } = nowMs();

    public int TimeoutMs => timeoutMs;

    public void Feed() => LastFeedMs = nowMs();

    public bool HasExpired => nowMs() - LastFeedMs > timeoutMs;

    public void Rearm() => LastFeedMs = nowMs();
}
