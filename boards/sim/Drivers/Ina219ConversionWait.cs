using System.Collections;
using System.Reflection;
using Iot.Device.Adc;

namespace nanoFramework.BMS.Sim.Drivers;

/// <summary>
/// The Ina219 binding waits the datasheet conversion time (84-68,100 µs) before every register
/// read, with a spin that yields the thread, which costs about 1 ms per read on the host. The
/// simulated chip converts instantly, so in virtual time that wait only slows the simulator
/// (2 ms per control cycle, 12 minutes per simulated hour at 100 Hz). This removes the wait
/// from the binding's delay table and leaves every other line of the binding as it is.
/// Simulator only: the ESP32 board keeps the real wait.
/// </summary>
public static class Ina219ConversionWait
{
    private static bool s_removed;

    public static void Remove()
    {
        if (s_removed)
            return;
        var field = typeof(Ina219).GetField("s_readDelays", BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new InvalidOperationException("Iot.Device.Ina219 no longer has its s_readDelays table; check the binding version");
        var delays = (IDictionary)field.GetValue(null)!;
        foreach (var key in delays.Keys.Cast<object>().ToList())
            delays[key] = 0;
        s_removed = true;
    }
}
