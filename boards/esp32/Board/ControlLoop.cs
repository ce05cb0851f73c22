using System.Threading;
using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.Esp32.Board
{
    /// <summary>
    /// Runs the firmware's control cycle once per sample period on the calling thread. Cycles are
    /// scheduled on a fixed grid (start + n x period), not "period after the last one ended", so
    /// the cycle's own time does not stretch the sample rate. A loop that fell more than a period
    /// behind starts a new grid rather than running a burst of cycles to catch up: the firmware
    /// has already seen the gap (cycle_overrun) and a burst would only starve the uplink thread.
    /// </summary>
    public sealed class ControlLoop
    {
        private readonly PackController _controller;
        private readonly IClock _clock;
        private readonly int _periodMs;
        private long _nextMs;

        public ControlLoop(PackController controller, IClock clock, int periodMs)
        {
            _controller = controller;
            _clock = clock;
            _periodMs = periodMs;
            _nextMs = clock.NowMs;
        }

        /// <summary>Never returns.</summary>
        public void Run()
        {
            while (true)
                Step();
        }

        /// <summary>One control cycle, then the wait until the next one is due.</summary>
        public void Step()
        {
            _controller.RunCycle();
            _nextMs += _periodMs;
            long waitMs = _nextMs - _clock.NowMs;
            if (waitMs > 0)
                Thread.Sleep((int)waitMs);
            else if (waitMs < -_periodMs)
                _nextMs = _clock.NowMs;
        }
    }
}
