namespace nanoFramework.BMS.Uplink.Commands
{
    /// <summary>
    /// Reads a CBOR command: a definite-length map with text keys "id", "cmd" (text), "counter"
    /// (unsigned), "args" (any item, signed as its raw bytes) and "hmac" (a 32-byte byte string).
    /// Indefinite lengths are refused, nesting is limited and every length is checked against
    /// the bytes received, so no input can throw or run away.
    /// </summary>
    public sealed class CborCommandReader
    {
        private const int MaxDepth = 8;
        private const int MajorUnsigned = 0;
        private const int MajorBytes = 2;
        private const int MajorText = 3;
        private const int MajorArray = 4;
        private const int MajorMap = 5;
        private const int MajorTag = 6;

        private byte[] _b;
        private int _pos;
        private int _end;

        // The last head read: major type and argument.
        private int _major;
        private long _argument;

        public void Read(byte[] payload, int length, Command command)
        {
            _b = payload;
            _pos = 0;
            _end = length;
            if (!ReadMap(command) || _pos != _end)
            {
                command.Reject(RejectReason.Malformed);
                return;
            }

            if (command.Kind == CommandKind.TelemetryInterval && command.ArgsLength > 0)
                command.IntervalMs = ReadIntervalArg(command.ArgsOffset, command.ArgsLength);
        }

        private bool ReadMap(Command command)
        {
            if (!ReadHead() || _major != MajorMap)
                return false;
            long entries = _argument;
            int seen = 0;
            for (long i = 0; i < entries; i++)
            {
                int keyStart;
                int keyLength;
                if (!ReadString(MajorText, out keyStart, out keyLength))
                    return false;
                int field = CommandField.Of(_b, keyStart, keyLength);
                if ((seen & field) != 0)
                    return false;
                seen |= field;
                if (!ReadField(field, command))
                    return false;
            }

            return true;
        }

        private bool ReadField(int field, Command command)
        {
            int start;
            int length;
            switch (field)
            {
                case CommandField.Id:
                    return ReadString(MajorText, out start, out length) && command.SetId(_b, start, length);
                case CommandField.Cmd:
                    return ReadString(MajorText, out start, out length) && command.SetName(_b, start, length);
                case CommandField.Counter:
                    command.HasCounter = ReadHead() && _major == MajorUnsigned && _argument >= 0 && _argument <= CommandField.MaxCounter;
                    command.Counter = _argument;
                    return command.HasCounter;
                case CommandField.Hmac:
                    command.HasMac = ReadString(MajorBytes, out start, out length) && length == command.Mac.Length;
                    if (command.HasMac)
                    {
                        for (int i = 0; i < length; i++)
                            command.Mac[i] = _b[start + i];
                    }

                    return command.HasMac;
                case CommandField.Args:
                    start = _pos;
                    if (!SkipItem(0))
                        return false;
                    command.ArgsOffset = start;
                    command.ArgsLength = _pos - start;
                    return true;
                default:
                    return SkipItem(0);
            }
        }

        /// <summary>args of telemetry/interval: {"ms": N}; -1 when it is anything else.</summary>
        private long ReadIntervalArg(int offset, int length)
        {
            _pos = offset;
            _end = offset + length;
            if (!ReadHead() || _major != MajorMap)
                return -1;
            long entries = _argument;
            long ms = -1;
            for (long i = 0; i < entries; i++)
            {
                int keyStart;
                int keyLength;
                if (!ReadString(MajorText, out keyStart, out keyLength))
                    return -1;
                if (CommandField.Is(_b, keyStart, keyLength, "ms"))
                {
                    if (ms >= 0 || !ReadHead() || _major != MajorUnsigned || _argument < 0)
                        return -1;
                    ms = _argument;
                }
                else if (!SkipItem(1))
                {
                    return -1;
                }
            }

            return ms;
        }

        private bool SkipItem(int depth)
        {
            if (depth > MaxDepth || !ReadHead())
                return false;
            long count = _argument;
            switch (_major)
            {
                case MajorBytes:
                case MajorText:
                    if (count < 0 || count > _end - _pos)
                        return false;
                    _pos += (int)count;
                    return true;
                case MajorArray:
                case MajorMap:
                    if (count < 0 || count > _end - _pos)
                        return false;
                    if (_major == MajorMap)
                        count *= 2;
                    for (long i = 0; i < count; i++)
                    {
                        if (!SkipItem(depth + 1))
                            return false;
                    }

                    return true;
                case MajorTag:
                    return SkipItem(depth + 1);
                default:
                    // Integers, simple values and floats: the head was all of it.
                    return true;
            }
        }

        private bool ReadString(int major, out int start, out int length)
        {
            start = 0;
            length = 0;
            if (!ReadHead() || _major != major || _argument < 0 || _argument > _end - _pos)
                return false;
            start = _pos;
            length = (int)_argument;
            _pos += length;
            return true;
        }

        /// <summary>
        /// The initial byte and its argument (RFC 8949 section 3). For major type 7 the argument
        /// bytes are a float or simple value and are only skipped. Refuses indefinite lengths and
        /// the reserved additional information values 28-31.
        /// </summary>
        private bool ReadHead()
        {
            if (_pos >= _end)
                return false;
            int initial = _b[_pos++];
            _major = initial >> 5;
            int info = initial & 0x1F;
            if (info < 24)
            {
                _argument = info;
                return true;
            }

            int bytes;
            if (info == 24)
                bytes = 1;
            else if (info == 25)
                bytes = 2;
            else if (info == 26)
                bytes = 4;
            else if (info == 27)
                bytes = 8;
            else
                return false;
            if (bytes > _end - _pos)
                return false;
            long argument = 0;
            for (int i = 0; i < bytes; i++)
                argument = (argument << 8) | _b[_pos++];
            // A 64-bit argument above long.MaxValue reads as negative; every caller refuses those.
            _argument = argument;
            return true;
        }
    }
}
