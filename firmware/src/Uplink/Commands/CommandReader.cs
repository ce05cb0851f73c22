namespace nanoFramework.BMS.Uplink.Commands
{
    /// <summary>
    /// What reading a command means, whatever its format: a map whose keys are the command's
    /// fields, each at most once (with duplicate keys a signature check and the executor could
    /// each see a different value), args captured as raw bytes for the signature, and the
    /// interval argument read from them. The JSON and CBOR readers supply the tokens. Whatever
    /// arrives, reading ends with the command filled in or rejected as malformed: never an
    /// exception, never an allocation.
    /// </summary>
    public abstract class CommandReader
    {
        protected const int MaxDepth = 8;

        protected byte[] B;
        protected int Pos;
        protected int End;

        public void Read(byte[] payload, int length, Command command)
        {
            B = payload;
            Pos = 0;
            End = length;
            if (!ReadCommand(command))
            {
                command.Reject(RejectReason.Malformed);
                return;
            }

            if (command.Kind == CommandKind.TelemetryInterval && command.ArgsLength > 0)
                command.IntervalMs = ReadIntervalArg(command.ArgsOffset, command.ArgsLength);
        }

        /// <summary>Starts reading a map (object) at Pos.</summary>
        protected abstract bool OpenMap();

        /// <summary>True when another entry follows; false at the end of the map or on an error (then MapEnded is false).</summary>
        protected abstract bool NextEntry();

        /// <summary>True when the last NextEntry found a well-formed end of the map.</summary>
        protected abstract bool MapEnded { get; }

        /// <summary>A key, positioned so the value follows.</summary>
        protected abstract bool ReadKey(out int start, out int length);

        protected abstract bool ReadText(out int start, out int length);

        /// <summary>A whole number from 0 to CommandField.MaxCounter.</summary>
        protected abstract bool ReadUnsigned(out long value);

        /// <summary>The 32 bytes of an HMAC into mac.</summary>
        protected abstract bool ReadMac(byte[] mac);

        protected abstract bool SkipValue(int depth);

        /// <summary>Nothing but (insignificant) bytes left after the command.</summary>
        protected abstract bool AtEnd();

        private bool ReadCommand(Command command)
        {
            if (!OpenMap())
                return false;
            int seen = 0;
            while (NextEntry())
            {
                int keyStart;
                int keyLength;
                if (!ReadKey(out keyStart, out keyLength))
                    return false;
                int field = CommandField.Of(B, keyStart, keyLength);
                if ((seen & field) != 0)
                    return false;
                seen |= field;
                if (!ReadField(field, command))
                    return false;
            }

            return MapEnded && AtEnd();
        }

        private bool ReadField(int field, Command command)
        {
            int start;
            int length;
            switch (field)
            {
                case CommandField.Id:
                    return ReadText(out start, out length) && command.SetId(B, start, length);
                case CommandField.Cmd:
                    return ReadText(out start, out length) && command.SetName(B, start, length);
                case CommandField.Counter:
                    command.HasCounter = ReadUnsigned(out command.Counter);
                    return command.HasCounter;
                case CommandField.Hmac:
                    command.HasMac = ReadMac(command.Mac);
                    return command.HasMac;
                case CommandField.Args:
                    start = Pos;
                    if (!SkipValue(0))
                        return false;
                    command.ArgsOffset = start;
                    command.ArgsLength = Pos - start;
                    return true;
                default:
                    return SkipValue(0);
            }
        }

        /// <summary>args of telemetry/interval: {"ms": N}; -1 when it is anything else.</summary>
        private long ReadIntervalArg(int offset, int length)
        {
            Pos = offset;
            End = offset + length;
            long ms = -1;
            if (!OpenMap())
                return -1;
            while (NextEntry())
            {
                int keyStart;
                int keyLength;
                if (!ReadKey(out keyStart, out keyLength))
                    return -1;
                if (CommandField.Is(B, keyStart, keyLength, "ms"))
                {
                    if (ms >= 0 || !ReadUnsigned(out ms))
                        return -1;
                }
                else if (!SkipValue(1))
                {
                    return -1;
                }
            }

            return MapEnded ? ms : -1;
        }
    }
}
