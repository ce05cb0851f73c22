using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Ports;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Protection;

namespace nanoFramework.BMS.Contactor
{
    /// <summary>
    /// The only code that drives the contactor outputs, and the sequence around them: precharge
    /// before the main contactor closes (with a timeout and retries), weld detection after it
    /// opens. Opening is always allowed; closing is checked against the fault latch here, so no
    /// caller (console, uplink) can bypass it.
    /// </summary>
    public sealed class ContactorControl
    {
        public const string RefusedFaultLatched = "a fault is latched";
        public const string RefusedInProgress = "the contactor sequence is in progress";
        public const string AlreadyClosed = "already closed";

        private readonly IDigitalOutput _main;
        private readonly IDigitalOutput _precharge;
        private readonly FaultLatch _latch;
        private readonly SafetyParameters _safety;
        private ContactorState _state;

        // Time the current phase started; -1 until the next Update stamps it, because Open and
        // RequestClose come from the console and uplink, which have no clock.
        private long _phaseStartMs = -1;
        private int _attempt;
        private bool _pausing;
        private bool _currentChecked;

        /// <summary>Drives both outputs open: the firmware never assumes the state a reset left.</summary>
        public ContactorControl(IDigitalOutput main, IDigitalOutput precharge, FaultLatch latch, SafetyParameters safety)
        {
            _main = main;
            _precharge = precharge;
            _latch = latch;
            _safety = safety;
            _main.Write(false);
            _precharge.Write(false);
        }

        public ContactorState State
        {
            get { return _state; }
        }

        /// <summary>Opens both outputs now. Returns true when this started an opening.</summary>
        public bool Open()
        {
            // Written every time, not only on a change: an output glitched by EMI is driven again.
            _main.Write(false);
            _precharge.Write(false);
            if (_state == ContactorState.Open || _state == ContactorState.Opening)
                return false;
            _state = ContactorState.Opening;
            _phaseStartMs = -1;
            _currentChecked = false;
            return true;
        }

        /// <summary>Starts the close sequence unless refused; returns null when accepted, else why not.</summary>
        public string RequestClose()
        {
            if (_latch.AnyLatched)
                return RefusedFaultLatched;
            if (_state == ContactorState.Closed)
                return AlreadyClosed;
            if (_state != ContactorState.Open)
                return RefusedInProgress;
            _attempt = 1;
            _pausing = false;
            _phaseStartMs = -1;
            _state = ContactorState.Precharging;
            _precharge.Write(true);
            return null;
        }

        /// <summary>Advances the sequence with the cycle's sample.</summary>
        public void Update(Sample sample, long nowMs)
        {
            if (_state == ContactorState.Open || _state == ContactorState.Closed)
                return;
            if (_phaseStartMs < 0)
                _phaseStartMs = nowMs;
            long elapsedMs = nowMs - _phaseStartMs;
            if (_state == ContactorState.Precharging)
                Precharge(sample, nowMs, elapsedMs);
            else
                CheckWeld(sample, nowMs, elapsedMs);
        }

        private void Precharge(Sample sample, long nowMs, long elapsedMs)
        {
            if (_pausing)
            {
                // A pause between attempts lets the precharge resistor cool.
                if (elapsedMs >= _safety.PrechargeRetryPauseMs)
                {
                    _pausing = false;
                    _phaseStartMs = nowMs;
                    _precharge.Write(true);
                }

                return;
            }

            if (sample.LinkValid && sample.CurrentValid && sample.LinkMillivolts >= _safety.PrechargeTargetRatio * sample.PackMillivolts)
            {
                _main.Write(true);
                _precharge.Write(false);
                _state = ContactorState.Closed;
                return;
            }

            if (elapsedMs < _safety.PrechargeTimeoutMs)
                return;
            _precharge.Write(false);
            if (_attempt > _safety.PrechargeRetries)
            {
                _latch.Latch(FaultId.PrechargeFailed, sample.LinkMillivolts, "mV", -1, nowMs, "load side did not charge");
                _state = ContactorState.Open;
                return;
            }

            _attempt++;
            _pausing = true;
            _phaseStartMs = nowMs;
        }

        private void CheckWeld(Sample sample, long nowMs, long elapsedMs)
        {
            if (!_currentChecked && elapsedMs >= _safety.WeldCurrentCheckMs)
            {
                _currentChecked = true;
                float amps = sample.PackAmps < 0f ? -sample.PackAmps : sample.PackAmps;
                if (sample.CurrentValid && amps > _safety.WeldCurrentAmps)
                {
                    _latch.Latch(FaultId.ContactorWelded, amps, "A", -1, nowMs, "current still flows after opening");
                    _state = ContactorState.Open;
                    return;
                }
            }

            if (elapsedMs < _safety.WeldVoltageCheckMs)
                return;
            if (sample.LinkValid && sample.CurrentValid && sample.LinkMillivolts >= _safety.WeldVoltageRatio * sample.PackMillivolts)
                _latch.Latch(FaultId.ContactorWelded, sample.LinkMillivolts, "mV", -1, nowMs, "load side still at pack voltage after opening");
            _state = ContactorState.Open;
        }
    }
}
