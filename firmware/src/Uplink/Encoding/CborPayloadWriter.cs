using System;

namespace nanoFramework.BMS.Uplink.Encoding
{
    /// <summary>
    /// CBOR (RFC 8949) into a caller's buffer: definite lengths, shortest argument encoding
    /// (preferred serialisation), text keys. Decimals are decimal fractions (tag 4), which carry
    /// exactly the digits the JSON form has and need no float bit tricks on the device.
    /// </summary>
    public sealed class CborPayloadWriter : PayloadWriter
    {
        // Initial bytes: the major type in the top three bits.
        private const int MajorUnsigned = 0 << 5;
        private const int MajorNegative = 1 << 5;
        private const int MajorText = 3 << 5;
        private const int MajorArray = 4 << 5;
        private const int MajorMap = 5 << 5;
        private const int MajorTag = 6 << 5;
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

        public override void Key(byte[] table, int key)
        {
            int count = key & PayloadKey.LengthMask;
            int position = Position;
            if (count >= 24 || position + 1 + count > Capacity)
            {
                Text(table, key >> PayloadKey.LengthBits, count);
                return;
            }

            byte[] buffer = Buffer;
            buffer[position] = (byte)(MajorText | count);
            Array.Copy(table, key >> PayloadKey.LengthBits, buffer, position + 1, count);
            Position = position + 1 + count;
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
            int count = value.Length;
            Head(MajorText, count);
            int position = Position;
            if (position + count > Capacity)
            {
                for (int i = 0; i < count; i++)
                    Put(Printable(value[i]));
                return;
            }

            // Text strings must be valid UTF-8; only printable ASCII is ever written (Printable, inline).
            byte[] buffer = Buffer;
            for (int i = 0; i < count; i++)
            {
                char c = value[i];
                buffer[position + i] = (byte)(c < 0x20 || c > 0x7E ? '?' : c);
            }

            Position = position + count;
        }

        public override void Text(byte[] source, int offset, int count)
        {
            Head(MajorText, count);
            for (int i = 0; i < count; i++)
                Put(Printable((char)source[offset + i]));
        }

        public override void Decimal(float value, int decimals)
        {
            int scale = DecimalText.Scale(decimals);
            if (!DecimalText.Representable(value, scale))
            {
                Null();
                return;
            }

            long mantissa = DecimalText.Round(value, scale);
            Head(MajorTag, TagDecimalFraction);
            Head(MajorArray, 2);
            Int(-decimals);
            Int(mantissa);
        }

        public override void Bool(bool value)
        {
            Put(value ? SimpleTrue : SimpleFalse);
        }

        public override void Null()
        {
            Put(SimpleNull);
        }

        /// <summary>
        /// Initial byte and argument in the shortest form (RFC 8949 section 4.2.1). Arguments up
        /// to 0xFFFF, every length and nearly every value of a message, are stored straight into
        /// the buffer when they fit; the rest, and anything near the end of the buffer, go
        /// through Put.
        /// </summary>
        private void Head(int type, long argument)
        {
            int position = Position;
            if (argument < 24)
            {
                if (position < Capacity)
                    Buffer[position] = (byte)(type | (int)argument);
                Position = position + 1;
            }
            else if (argument <= 0xFF)
            {
                if (position + 2 > Capacity)
                {
                    LongHead(type, argument);
                    return;
                }

                byte[] buffer = Buffer;
                buffer[position] = (byte)(type | 24);
                buffer[position + 1] = (byte)argument;
                Position = position + 2;
            }
            else if (argument <= 0xFFFF && position + 3 <= Capacity)
            {
                byte[] buffer = Buffer;
                buffer[position] = (byte)(type | 25);
                buffer[position + 1] = (byte)(argument >> 8);
                buffer[position + 2] = (byte)argument;
                Position = position + 3;
            }
            else
            {
                LongHead(type, argument);
            }
        }

        /// <summary>Any head in the shortest form, byte by byte: for 4- and 8-byte arguments, and near the end of the buffer.</summary>
        private void LongHead(int type, long argument)
        {
            if (argument < 24)
            {
                Put(type | (int)argument);
            }
            else if (argument <= 0xFF)
            {
                Put(type | 24);
                Put((int)argument);
            }
            else if (argument <= 0xFFFF)
            {
                Put(type | 25);
                Put((int)(argument >> 8));
                Put((int)argument);
            }
            else if (argument <= 0xFFFFFFFFL)
            {
                Put(type | 26);
                for (int shift = 24; shift >= 0; shift -= 8)
                    Put((int)(argument >> shift));
            }
            else
            {
                Put(type | 27);
                for (int shift = 56; shift >= 0; shift -= 8)
                    Put((int)(argument >> shift));
            }
        }

        private static int Printable(char c)
        {
            // Text strings must be valid UTF-8; only ASCII is ever written.
            return c < 0x20 || c > 0x7E ? '?' : c;
        }
    }
}
