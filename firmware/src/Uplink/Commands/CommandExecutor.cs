using nanoFramework.BMS.Contactor;

namespace nanoFramework.BMS.Uplink.Commands
{
    /// <summary>
    /// Runs a verified command in the control cycle, like a console command, so the contactor
    /// and the fault latch are only ever touched from one thread. Closing goes through
    /// PackController.RequestClose, whose gate refuses while a fault is latched, whatever the
    /// command says; clearing through ClearFaults, which keeps faults whose condition is present.
    /// </summary>
    public sealed class CommandExecutor
    {
        private readonly PackController _controller;
        private readonly ReplayCounterStore _counterStore;
        private readonly TelemetryProducer _producer;
        private readonly CommandMailbox _mailbox;

        public CommandExecutor(PackController controller, ReplayCounterStore counterStore, TelemetryProducer producer, CommandMailbox mailbox)
        {
            _controller = controller;
            _counterStore = counterStore;
            _producer = producer;
            _mailbox = mailbox;
        }

        /// <summary>Runs the posted command, if any.</summary>
        public void ExecutePosted(long nowMs, ContactorState contactor, int latchedFaults)
        {
            if (!_mailbox.IsPosted)
                return;
            Command command = _mailbox.Command;
            // Persisted before anything runs: a reset right after must not reopen the replay window.
            if (command.CounterAccepted)
                _counterStore.Save(command.Counter);
            if (!command.Rejected)
            {
                switch (command.Kind)
                {
                    case CommandKind.ContactorOpen:
                        _controller.OpenContactor();
                        break;
                    case CommandKind.ContactorClose:
                        command.Reject(_controller.RequestClose());
                        break;
                    case CommandKind.FaultsClear:
                        if (_controller.ClearFaults() > 0)
                            command.Reject(RejectReason.ConditionsPresent);
                        break;
                    case CommandKind.TelemetryInterval:
                        _producer.SetInterval((int)command.IntervalMs, nowMs, contactor, latchedFaults);
                        break;
                }
            }

            _mailbox.Finish(nowMs, _controller.ContactorState, _controller.Faults.LatchedCount);
        }
    }
}
