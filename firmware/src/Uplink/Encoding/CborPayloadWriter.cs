namespace nanoFramework.BMS.Uplink.Encoding
{
    /// <summary>
    /// CBOR (RFC 8949) into a caller's buffer: definite lengths, shortest argument encoding
    /// (preferred serialisation), text keys. Decimals are decimal fractions (tag 4), which carry
    /// exactly the digits the JSON form has and need no float bit tricks on the device.
    /// </summary>
    public sealed class CborPayloadWriter : IPayloadWriter
    {
        private const int MajorUnsigned = 0;
        private const int MajorNegative = 1;
        private const int MajorText = 3;
        private const int MajorArray = 4;
        private const int MajorMap = 5;
        private const int MajorTag = 6;
        private const int SimpleFalse = 0xF4;
        private const int SimpleTrue = 0xF5;
        private const int SimpleNull = 0xF6;
        private const int TagDecimalFraction = 4;

        private readonly ByteSink _sink = new ByteSink();

        public void Begin(byte[] target, int capacity)
        {
            _sink.Begin(target, capacity);
        }

        public int Length
        {
            get { return _sink.Length; }
        }

        public int RequiredLength
        {
            get { return _sink.RequiredLength; }
        }

        public bool Overflowed
        {
            get { return _sink.Overflowed; }
        }

        public void BeginMap(int entries)
        {
            Head(MajorMap, entries);
        }

        public void EndMap()
        {
        }

        public void BeginArray(int items)
        {
            Head(MajorArray, items);
        }

        public void EndArray()
        {
        }

        public void Key(string key)
        {
            Text(key);
        }

        public void Int(long value)
        {
            if (value >= 0)
                Head(MajorUnsigned, value);
            else
                Head(MajorNegative, -1 - value);
        }

        public void Text(string value)
        {
            Head(MajorText, value.Length);
            for (int i = 0; i < value.Length; i++)
                _sink.Put(Printable(value[i]));
        }

        public void Text(byte[] source, int offset, int count)
        {
            Head(MajorText, count);
            for (int i = 0; i < count; i++)
                _sink.Put(Printable((char)source[offset + i]));
        }

        public void Decimal(float value, int decimals)
        {
            int scale = 1;
            for (int i = 0; i < decimals; i++)
                scale *= 10;
            float scaled = value * scale;
            long mantissa = (long)(scaled < 0f ? scaled - 0.5f : scaled + 0.5f);
            Head(MajorTag, TagDecimalFraction);
            Head(MajorArray, 2);
            Int(-decimals);
            Int(mantissa);
        }

        public void Bool(bool value)
        {
            _sink.Put(value ? SimpleTrue : SimpleFalse);
        }

        public void Null()
        {
            _sink.Put(SimpleNull);
        }

        /// <summary>Initial byte and argument in the shortest form (RFC 8949 section 4.2.1).</summary>
        private void Head(int major, long argument)
        {
            int type = major << 5;
            if (argument < 24)
            {
                _sink.Put(type | (int)argument);
            }
            else if (argument <= 0xFF)
            {
                _sink.Put(type | 24);
                _sink.Put((int)argument);
            }
            else if (argument <= 0xFFFF)
            {
                _sink.Put(type | 25);
                _sink.Put((int)(argument >> 8));
                _sink.Put((int)argument);
            }
            else if (argument <= 0xFFFFFFFFL)
            {
                _sink.Put(type | 26);
                for (int shift = 24; shift >= 0; shift -= 8)
                    _sink.Put((int)(argument >> shift));
            }
            else
            {
                _sink.Put(type | 27);
                for (int shift = 56; shift >= 0; shift -= 8)
                    _sink.Put((int)(argument >> shift));
            }
        }

        private static int Printable(char c)
        {
            // Text strings must be valid UTF-8; only ASCII is ever written.
            return c < 0x20 || c > 0x7E ? '?' : c;
        }
    }
}
