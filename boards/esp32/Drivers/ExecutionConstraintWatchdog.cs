using nanoFramework.Runtime.Native;
using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.Esp32.Drivers
{
    /// <summary>
    /// A software watchdog on the control thread. The ESP32's hardware watchdogs belong to the
    /// nanoCLR (no managed feed), so each feed installs a fresh execution constraint on the
    /// calling thread: if the thread does not feed again within the timeout, the runtime throws
    /// ConstraintException into it. Inside a control cycle the firmware catches it like any
    /// failure (contactor open, internal_error latched); anywhere else it reaches the board's
    /// loop, which drops the outputs and reboots. Feed only from the control thread.
    /// </summary>
    public sealed class ExecutionConstraintWatchdog : IWatchdog
    {
        public ExecutionConstraintWatchdog(int timeoutMs)
        {
            TimeoutMs = timeoutMs;
        }

        /// <summary>The running profile's watchdog timeout (safety.watchdog_timeout_ms); takes effect at the next feed.</summary>
        public int TimeoutMs;

        public void Feed()
        {
            ExecutionConstraint.Install(TimeoutMs, 0);
        }
    }
}
