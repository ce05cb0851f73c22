namespace nanoFramework.BMS.Uplink.Commands
{
    /// <summary>
    /// The CBOR tokens of a command: a definite-length map with text keys, "id" and "cmd" text,
    /// "counter" unsigned, "args" any item, "hmac" a 32-byte byte string. Indefinite lengths and
    /// reserved additional information are refused, and every length is checked against the
    /// bytes received before it is used.
    /// </summary>
    public sealed class CborCommandReader : CommandReader
    {
        private const int MajorUnsigned = 0;
        private const int MajorBytes = 2;
        private const int MajorText = 3;
        private const int MajorArray = 4;
        private const int MajorMap = 5;
        private const int MajorTag = 6;

        // The last head read: major type and argument.
        private int _major;
        private long _argument;
        private long _entriesLeft;
        private bool _mapEnded;

        protected override bool MapEnded
        {
            get { return _mapEnded; }
        }

        protected override bool OpenMap()
        {
            _mapEnded = false;
            if (!ReadHead() || _major != MajorMap || _argument < 0)
                return false;
            _entriesLeft = _argument;
            return true;
        }

        protected override bool NextEntry()
        {
            if (_entriesLeft == 0)
            {
                _mapEnded = true;
                return false;
            }

            _entriesLeft--;
            return true;
        }

        protected override bool ReadKey(out int start, out int length)
        {
            return ReadString(MajorText, out start, out length);
        }

        protected override bool ReadText(out int start, out int length)
        {
            return ReadString(MajorText, out start, out length);
        }

        protected override bool ReadMac(byte[] mac)
        {
            int start;
            int length;
            if (!ReadString(MajorBytes, out start, out length) || length != mac.Length)
                return false;
            for (int i = 0; i < length; i++)
                mac[i] = B[start + i];
            return true;
        }

        protected override bool ReadUnsigned(out long value)
        {
            bool ok = ReadHead() && _major == MajorUnsigned && _argument >= 0 && _argument <= CommandField.MaxCounter;
            value = ok ? _argument : 0;
            return ok;
        }

        protected override bool SkipValue(int depth)
        {
            if (depth > MaxDepth || !ReadHead())
                return false;
            long count = _argument;
            switch (_major)
            {
                case MajorBytes:
                case MajorText:
                    if (count < 0 || count > End - Pos)
                        return false;
                    Pos += (int)count;
                    return true;
                case MajorArray:
                case MajorMap:
                    // Every item takes at least a byte: more items than bytes left is malformed.
                    if (count < 0 || count > End - Pos)
                        return false;
                    if (_major == MajorMap)
                        count *= 2;
                    for (long i = 0; i < count; i++)
                    {
                        if (!SkipValue(depth + 1))
                            return false;
                    }

                    return true;
                case MajorTag:
                    return SkipValue(depth + 1);
                default:
                    // Integers, simple values and floats: the head was all of it.
                    return true;
            }
        }

        protected override bool AtEnd()
        {
            return Pos == End;
        }

        private bool ReadString(int major, out int start, out int length)
        {
            start = 0;
            length = 0;
            if (!ReadHead() || _major != major || _argument < 0 || _argument > End - Pos)
                return false;
            start = Pos;
            length = (int)_argument;
            Pos += length;
            return true;
        }

        /// <summary>
        /// The initial byte and its argument (RFC 8949 section 3). For major type 7 the argument
        /// bytes are a float or simple value and are only skipped. Refuses indefinite lengths and
        /// the reserved additional information values 28-31.
        /// </summary>
        private bool ReadHead()
        {
            if (Pos >= End)
                return false;
            int initial = B[Pos++];
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
            if (bytes > End - Pos)
                return false;
            long argument = 0;
            for (int i = 0; i < bytes; i++)
                argument = (argument << 8) | B[Pos++];
            // A 64-bit argument above long.MaxValue reads as negative; every caller refuses those.
            _argument = argument;
            return true;
        }
    }
}
