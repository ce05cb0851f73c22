namespace nanoFramework.BMS.Uplink.Encoding
{
    /// <summary>
    /// CBOR (RFC 8949) into a caller's buffer: definite lengths, shortest argument encoding
    /// (preferred serialisation), text keys. Decimals are decimal fractions (tag 4), which carry
    /// exactly the digits the JSON form has and need no float bit tricks on the device.
    /// </summary>
    public sealed class CborPayloadWriter : PayloadWriter
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


        public override void BeginMap(int entries)
        {
            Head(MajorMap, entries);
        }

        public override void EndMap()
        {
        }

        public override void BeginArray(int items)
        {
            Head(MajorArray, items);
        }

        public override void EndArray()
        {
        }

        public override void Key(string key)
        {
            Text(key);
        }

        public override void Int(long value)
        {
            if (value >= 0)
                Head(MajorUnsigned, value);
            else
                Head(MajorNegative, -1 - value);
        }

        public override void Text(string value)
        {
            Head(MajorText, value.Length);
            for (int i = 0; i < value.Length; i++)
                Sink.Put(Printable(value[i]));
        }

        public override void Text(byte[] source, int offset, int count)
        {
            Head(MajorText, count);
            for (int i = 0; i < count; i++)
                Sink.Put(Printable((char)source[offset + i]));
        }

        public override void Decimal(float value, int decimals)
        {
            long mantissa = DecimalText.Round(value, DecimalText.Scale(decimals));
            Head(MajorTag, TagDecimalFraction);
            Head(MajorArray, 2);
            Int(-decimals);
            Int(mantissa);
        }

        public override void Bool(bool value)
        {
            Sink.Put(value ? SimpleTrue : SimpleFalse);
        }

        public override void Null()
        {
            Sink.Put(SimpleNull);
        }

        /// <summary>Initial byte and argument in the shortest form (RFC 8949 section 4.2.1).</summary>
        private void Head(int major, long argument)
        {
            int type = major << 5;
            if (argument < 24)
            {
                Sink.Put(type | (int)argument);
            }
            else if (argument <= 0xFF)
            {
                Sink.Put(type | 24);
                Sink.Put((int)argument);
            }
            else if (argument <= 0xFFFF)
            {
                Sink.Put(type | 25);
                Sink.Put((int)(argument >> 8));
                Sink.Put((int)argument);
            }
            else if (argument <= 0xFFFFFFFFL)
            {
                Sink.Put(type | 26);
                for (int shift = 24; shift >= 0; shift -= 8)
                    Sink.Put((int)(argument >> shift));
            }
            else
            {
                Sink.Put(type | 27);
                for (int shift = 56; shift >= 0; shift -= 8)
                    Sink.Put((int)(argument >> shift));
            }
        }

        private static int Printable(char c)
        {
            // Text strings must be valid UTF-8; only ASCII is ever written.
            return c < 0x20 || c > 0x7E ? '?' : c;
        }
    }
}
