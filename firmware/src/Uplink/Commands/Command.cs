namespace nanoFramework.BMS.Uplink.Commands
{
    /// <summary>
    /// One command as received, parsed into preallocated fields. Text fields are copied bytes
    /// (never strings), so receiving a command allocates nothing. Reason is null while the
    /// command is acceptable, else why it was rejected.
    /// </summary>
    public sealed class Command
    {
        public const int MaxIdBytes = 32;
        public const int MaxNameBytes = 32;

        public readonly byte[] Id = new byte[MaxIdBytes];
        public int IdLength;
        public readonly byte[] Name = new byte[MaxNameBytes];
        public int NameLength;
        public CommandKind Kind;

        public bool HasCounter;
        public long Counter;

        /// <summary>The raw bytes of the args value in the payload (JSON text or CBOR item), signed as they are.</summary>
        public int ArgsOffset;
        public int ArgsLength;

        public bool HasMac;
        public readonly byte[] Mac = new byte[32];

        /// <summary>args.ms of telemetry/interval, -1 when absent or not a whole number.</summary>
        public long IntervalMs;

        public string Reason;

        /// <summary>Set when the signature and counter checked out: the counter must be persisted, whatever the command then does.</summary>
        public bool CounterAccepted;

        /// <summary>The command came as CBOR, so its ack goes back as CBOR.</summary>
        public bool IsCbor;

        public void Reset()
        {
            IdLength = 0;
            NameLength = 0;
            Kind = CommandKind.Unknown;
            HasCounter = false;
            Counter = 0;
            ArgsOffset = 0;
            ArgsLength = 0;
            HasMac = false;
            IntervalMs = -1;
            Reason = null;
            CounterAccepted = false;
            IsCbor = false;
        }

        public bool Rejected
        {
            get { return Reason != null; }
        }

        /// <summary>Rejects with the first reason only: later checks must not hide why it failed.</summary>
        public void Reject(string reason)
        {
            if (Reason == null)
                Reason = reason;
        }

        /// <summary>Copies an id: 1 to 32 printable ASCII characters other than quote and backslash.</summary>
        public bool SetId(byte[] source, int offset, int count)
        {
            IdLength = CopyText(source, offset, count, Id);
            return IdLength > 0;
        }

        /// <summary>Copies the command name and finds its kind.</summary>
        public bool SetName(byte[] source, int offset, int count)
        {
            NameLength = CopyText(source, offset, count, Name);
            Kind = KindOf();
            return NameLength > 0;
        }

        public bool NameIs(string name)
        {
            return CommandField.Is(Name, 0, NameLength, name);
        }

        private CommandKind KindOf()
        {
            if (NameIs("contactor/open"))
                return CommandKind.ContactorOpen;
            if (NameIs("contactor/close"))
                return CommandKind.ContactorClose;
            if (NameIs("faults/clear"))
                return CommandKind.FaultsClear;
            if (NameIs("status/get"))
                return CommandKind.StatusGet;
            if (NameIs("telemetry/interval"))
                return CommandKind.TelemetryInterval;
            return CommandKind.Unknown;
        }

        /// <summary>Returns the length copied, 0 when the text is empty, too long or not plain printable ASCII.</summary>
        private static int CopyText(byte[] source, int offset, int count, byte[] target)
        {
            if (count <= 0 || count > target.Length)
                return 0;
            for (int i = 0; i < count; i++)
            {
                byte b = source[offset + i];
                if (b < 0x20 || b > 0x7E || b == '"' || b == '\\')
                    return 0;
                target[i] = b;
            }

            return count;
        }
    }
}
