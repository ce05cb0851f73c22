using nanoFramework.BMS.Uplink.Security;

namespace nanoFramework.BMS.Uplink.Commands
{
    /// <summary>
    /// Decides whether a parsed command may run. Commands that can close the contactor, clear
    /// faults or change configuration need HMAC-SHA256 with the device key over
    /// device id "\n" command id "\n" counter (decimal) "\n" cmd "\n" args (raw bytes), and a
    /// counter above every one accepted before. contactor/open and status/get are safe without;
    /// when they carry a signature anyway it must be right. Runs on the uplink thread.
    /// </summary>
    public sealed class CommandVerifier
    {
        public const int MinIntervalMs = 1000;
        public const int MaxIntervalMs = 60000;

        private readonly string _deviceId;
        private readonly HmacSha256 _hmac;
        private readonly byte[] _expected = new byte[HmacSha256.MacBytes];
        private readonly byte[] _digits = new byte[20];
        private long _lastCounter;

        /// <summary>key null: every command that needs a signature is refused. lastCounter -1: the stored counter is damaged.</summary>
        public CommandVerifier(string deviceId, byte[] key, long lastCounter)
        {
            _deviceId = deviceId;
            _hmac = key == null ? null : new HmacSha256(key);
            _lastCounter = lastCounter;
        }

        /// <summary>The highest counter accepted so far, -1 when unknown.</summary>
        public long LastCounter
        {
            get { return _lastCounter; }
        }

        public static bool NeedsSignature(CommandKind kind)
        {
            return kind == CommandKind.ContactorClose || kind == CommandKind.FaultsClear || kind == CommandKind.TelemetryInterval;
        }

        /// <summary>Rejects the command with the first reason that applies; on acceptance of a signed one, its counter becomes the floor.</summary>
        public void Verify(Command command, byte[] payload)
        {
            if (command.Rejected)
                return;
            if (command.IdLength == 0)
            {
                command.Reject(RejectReason.MissingId);
                return;
            }

            if (command.Kind == CommandKind.Unknown)
            {
                command.Reject(RejectReason.UnknownCommand);
                return;
            }

            bool needed = NeedsSignature(command.Kind);
            if (needed || command.HasMac)
                VerifySignature(command, payload);
            if (command.Rejected)
                return;

            if (command.Kind == CommandKind.TelemetryInterval && !IntervalAllowed(command.IntervalMs))
                command.Reject(RejectReason.BadInterval);
        }

        public static bool IntervalAllowed(long ms)
        {
            return ms >= MinIntervalMs && ms <= MaxIntervalMs && ms % 1000 == 0;
        }

        private void VerifySignature(Command command, byte[] payload)
        {
            if (!command.HasMac)
            {
                command.Reject(RejectReason.Unsigned);
                return;
            }

            if (!command.HasCounter)
            {
                command.Reject(RejectReason.MissingCounter);
                return;
            }

            if (_hmac == null)
            {
                command.Reject(RejectReason.NoKey);
                return;
            }

            _hmac.Begin();
            _hmac.Update(_deviceId);
            _hmac.Update((byte)'\n');
            _hmac.Update(command.Id, 0, command.IdLength);
            _hmac.Update((byte)'\n');
            int digits = Digits(command.Counter);
            _hmac.Update(_digits, 0, digits);
            _hmac.Update((byte)'\n');
            _hmac.Update(command.Name, 0, command.NameLength);
            _hmac.Update((byte)'\n');
            _hmac.Update(payload, command.ArgsOffset, command.ArgsLength);
            _hmac.Final(_expected, 0);
            if (!HmacSha256.FixedTimeEquals(_expected, 0, command.Mac, 0, HmacSha256.MacBytes))
            {
                command.Reject(RejectReason.BadSignature);
                return;
            }

            // Checked after the signature, so an unsigned sender learns nothing about the counter.
            if (_lastCounter < 0)
            {
                command.Reject(RejectReason.CounterUnreadable);
                return;
            }

            if (command.Counter <= _lastCounter)
            {
                command.Reject(RejectReason.Replayed);
                return;
            }

            _lastCounter = command.Counter;
            command.CounterAccepted = true;
        }

        /// <summary>The counter in decimal ASCII into _digits, most significant first; returns the digit count.</summary>
        private int Digits(long value)
        {
            int count = DecimalText.ReversedDigits(value, _digits);
            for (int i = 0, j = count - 1; i < j; i++, j--)
            {
                byte swap = _digits[i];
                _digits[i] = _digits[j];
                _digits[j] = swap;
            }

            return count;
        }
    }
}
