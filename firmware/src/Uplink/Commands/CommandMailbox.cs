using nanoFramework.BMS.Contactor;

namespace nanoFramework.BMS.Uplink.Commands
{
    /// <summary>
    /// Hands one command from the uplink thread to the control cycle and its outcome back: the
    /// uplink thread fills Command and posts it, the cycle executes it and finishes it, the uplink
    /// thread acks it and frees the box. The state is only read and written under the lock, whose
    /// fences also carry the command's fields across (nanoFramework has no volatile).
    /// </summary>
    public sealed class CommandMailbox
    {
        private const int Free = 0;
        private const int Posted = 1;
        private const int Finished = 2;

        public readonly Command Command = new Command();

        /// <summary>When the cycle finished the command, and the state it left: for the ack.</summary>
        public long FinishedMs;
        public ContactorState Contactor;
        public int LatchedFaults;

        private readonly object _sync = new object();
        private int _state;

        public bool IsFree
        {
            get { return State == Free; }
        }

        public bool IsPosted
        {
            get { return State == Posted; }
        }

        public bool IsFinished
        {
            get { return State == Finished; }
        }

        /// <summary>Uplink thread: the command is read and verified; the next cycle runs it.</summary>
        public void Post()
        {
            State = Posted;
        }

        /// <summary>Control cycle: the command ran (or was refused); the ack can be written.</summary>
        public void Finish(long nowMs, ContactorState contactor, int latchedFaults)
        {
            FinishedMs = nowMs;
            Contactor = contactor;
            LatchedFaults = latchedFaults;
            State = Finished;
        }

        /// <summary>Uplink thread: the ack is sent; the box takes the next command.</summary>
        public void Release()
        {
            State = Free;
        }

        private int State
        {
            get
            {
                lock (_sync)
                    return _state;
            }

            set
            {
                lock (_sync)
                    _state = value;
            }
        }
    }
}
