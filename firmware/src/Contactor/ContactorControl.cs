using nanoFramework.BMS.Ports;
using nanoFramework.BMS.Protection;

namespace nanoFramework.BMS.Contactor
{
    /// <summary>
    /// The only code that drives the contactor outputs. Opening is always allowed; closing is
    /// checked against the fault latch here, so no caller (console, uplink) can bypass it.
    /// </summary>
    public sealed class ContactorControl
    {
        public const string RefusedFaultLatched = "a fault is latched";
        public const string AlreadyClosed = "already closed";

        private readonly IDigitalOutput _main;
        private readonly IDigitalOutput _precharge;
        private readonly FaultLatch _latch;
        private ContactorState _state;

        /// <summary>Drives both outputs open: the firmware never assumes the state a reset left.</summary>
        public ContactorControl(IDigitalOutput main, IDigitalOutput precharge, FaultLatch latch)
        {
            _main = main;
            _precharge = precharge;
            _latch = latch;
            Open();
        }

        public ContactorState State
        {
            get { return _state; }
        }

        /// <summary>Returns true when the state changed.</summary>
        public bool Open()
        {
            // Written every time, not only on a change: an output glitched by EMI is driven again.
            _main.Write(false);
            _precharge.Write(false);
            bool changed = _state != ContactorState.Open;
            _state = ContactorState.Open;
            return changed;
        }

        /// <summary>Closes unless a fault is latched; returns null on success, else why it refused.</summary>
        public string RequestClose()
        {
            if (_latch.AnyLatched)
                return RefusedFaultLatched;
            if (_state == ContactorState.Closed)
                return AlreadyClosed;

            // Precharge sequencing comes with the safety layer; until then the precharge relay stays open.
            _main.Write(true);
            _state = ContactorState.Closed;
            return null;
        }
    }
}
