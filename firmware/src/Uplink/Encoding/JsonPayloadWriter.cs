using System;

namespace nanoFramework.BMS.Uplink.Encoding
{
    /// <summary>
    /// Compact JSON (no spaces) into a caller's buffer. Knows whether a comma is due before the
    /// next item, so composers never think about separators: one is due after any item or closed
    /// container, and not before the first item of a container or the value after a key.
    /// Keys, integers and texts, the bulk of telemetry, are stored straight into the buffer once
    /// their worst case is known to fit; the rest, and anything near the end, go through Put.
    /// </summary>
    public sealed class JsonPayloadWriter : PayloadWriter
    {
        private const string HexDigits = "0123456789abcdef";

        /// <summary>A comma, a minus sign and the 19 digits of the largest long.</summary>
        private const int MaxIntegerBytes = 21;

        /// <summary>Room a text character may take: \u and four hex digits.</summary>
        private const int MaxTextCharBytes = 6;

        private readonly byte[] _digits = new byte[20];
        private bool _commaDue;

        public override void Begin(byte[] target, int capacity)
        {
            base.Begin(target, capacity);
            _commaDue = false;
        }

        public override void BeginMap(int entries)
        {
            Open('{');
        }

        public override void EndMap()
        {
            Close('}');
        }

        public override void BeginArray(int items)
        {
            Open('[');
        }

        public override void EndArray()
        {
            Close(']');
        }

        /// <summary>"key": with the comma before it when due; the key's characters as they are (keys are the composers' own ASCII names).</summary>
        public override void Key(string key)
        {
            int count = key.Length;
            int position = Position;
            if (position + count + 4 > Capacity)
            {
                Separate();
                Put('"');
                Put(key);
                Put('"');
                Put(':');
            }
            else
            {
                byte[] buffer = Buffer;
                if (_commaDue)
                    buffer[position++] = (byte)',';
                buffer[position++] = (byte)'"';
                for (int i = 0; i < count; i++)
                    buffer[position + i] = (byte)key[i];
                position += count;
                buffer[position] = (byte)'"';
                buffer[position + 1] = (byte)':';
                Position = position + 2;
            }

            // The value comes next, without a comma.
            _commaDue = false;
        }

        public override void Key(byte[] table, int key)
        {
            int count = key & PayloadKey.LengthMask;
            int position = Position;
            if (position + count + 4 > Capacity)
            {
                // Byte by byte near the end of the buffer, as Key(string) does.
                if (_commaDue)
                    Put(',');
                Put('"');
                for (int i = 0; i < count; i++)
                    Put(table[(key >> PayloadKey.LengthBits) + i]);
                Put('"');
                Put(':');
                _commaDue = false;
                return;
            }

            byte[] buffer = Buffer;
            if (_commaDue)
                buffer[position++] = (byte)',';
            buffer[position] = (byte)'"';
            Array.Copy(table, key >> PayloadKey.LengthBits, buffer, position + 1, count);
            position += count + 1;
            buffer[position] = (byte)'"';
            buffer[position + 1] = (byte)':';
            Position = position + 2;
            _commaDue = false;
        }

        public override void Int(long value)
        {
            int position = Position;
            if (position + MaxIntegerBytes > Capacity)
            {
                Separate();
                PutInteger(value);
                return;
            }

            byte[] buffer = Buffer;
            if (_commaDue)
                buffer[position++] = (byte)',';
            _commaDue = true;
            if (value < 0)
            {
                buffer[position++] = (byte)'-';
                // long.MinValue cannot be negated; no value of ours comes near it.
                value = -value;
            }

            // Digits from the last one back, after counting them: no reversal, no second buffer.
            int end;
            if (value < 10)
            {
                end = position + 1;
            }
            else if (value < 100)
            {
                end = position + 2;
            }
            else if (value < 1000)
            {
                end = position + 3;
            }
            else if (value < 10000)
            {
                end = position + 4;
            }
            else
            {
                end = position + 5;
                for (long rest = value / 100000; rest > 0; rest /= 10)
                    end++;
            }

            Position = end;
            do
            {
                buffer[--end] = (byte)('0' + (int)(value % 10));
                value /= 10;
            }
            while (value > 0);
        }

        public override void Text(string value)
        {
            int count = value.Length;
            int position = Position;
            if (position + 1 + count * MaxTextCharBytes + 2 > Capacity)
            {
                Separate();
                Put('"');
                for (int i = 0; i < count; i++)
                    PutTextChar(value[i]);
                Put('"');
                return;
            }

            byte[] buffer = Buffer;
            if (_commaDue)
                buffer[position++] = (byte)',';
            _commaDue = true;
            buffer[position++] = (byte)'"';
            for (int i = 0; i < count; i++)
            {
                char c = value[i];
                if (c >= 0x20 && c <= 0x7E && c != '"' && c != '\\')
                {
                    buffer[position++] = (byte)c;
                }
                else
                {
                    // Rare: an escape, written through Put from where the text has got to.
                    Position = position;
                    PutTextChar(c);
                    position = Position;
                }
            }

            buffer[position] = (byte)'"';
            Position = position + 1;
        }

        public override void Text(byte[] source, int offset, int count)
        {
            Separate();
            Put('"');
            for (int i = 0; i < count; i++)
                PutTextChar((char)source[offset + i]);
            Put('"');
        }

        public override void Decimal(float value, int decimals)
        {
            int scale = DecimalText.Scale(decimals);
            if (!DecimalText.Representable(value, scale))
            {
                Null();
                return;
            }

            Separate();
            long rounded = DecimalText.Round(value, scale);
            if (rounded < 0)
            {
                Put('-');
                rounded = -rounded;
            }

            PutInteger(rounded / scale);
            if (decimals == 0)
                return;
            Put('.');
            long fraction = rounded % scale;
            for (int divisor = scale / 10; divisor > 0; divisor /= 10)
                Put('0' + (int)(fraction / divisor % 10));
        }

        public override void Bool(bool value)
        {
            Separate();
            Put(value ? "true" : "false");
        }

        public override void Null()
        {
            Separate();
            Put("null");
        }

        /// <summary>Starts a string value built from pieces (Home Assistant templates).</summary>
        public void BeginText()
        {
            Separate();
            Put('"');
        }

        public void AppendText(string part)
        {
            for (int i = 0; i < part.Length; i++)
                PutTextChar(part[i]);
        }

        public void AppendText(long value)
        {
            PutInteger(value);
        }

        public void EndText()
        {
            Put('"');
        }

        private void Open(char bracket)
        {
            Separate();
            Put(bracket);
            _commaDue = false;
        }

        private void Close(char bracket)
        {
            Put(bracket);
            _commaDue = true;
        }

        /// <summary>Writes the comma before every item but the first of its container; a value after a key needs none.</summary>
        private void Separate()
        {
            if (_commaDue)
                Put(',');
            _commaDue = true;
        }

        /// <summary>Escapes what JSON requires (quote, backslash, control characters) and anything outside ASCII.</summary>
        private void PutTextChar(char c)
        {
            if (c == '"' || c == '\\')
            {
                Put('\\');
                Put(c);
            }
            else if (c < 0x20 || c > 0x7E)
            {
                Put("\\u");
                for (int shift = 12; shift >= 0; shift -= 4)
                    Put(HexDigits[(c >> shift) & 0xF]);
            }
            else
            {
                Put(c);
            }
        }

        /// <summary>A signed integer through Put: near the end of the buffer, and in templates and decimals.</summary>
        private void PutInteger(long value)
        {
            if (value < 0)
            {
                Put('-');
                // long.MinValue cannot be negated; no value of ours comes near it.
                value = -value;
            }

            int count = DecimalText.ReversedDigits(value, _digits);
            while (count > 0)
                Put(_digits[--count]);
        }
    }
}
