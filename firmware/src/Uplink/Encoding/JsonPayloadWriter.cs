namespace nanoFramework.BMS.Uplink.Encoding
{
    /// <summary>
    /// Compact JSON (no spaces) into a caller's buffer. Tracks per nesting level whether a
    /// comma is due, so composers never think about separators.
    /// </summary>
    public sealed class JsonPayloadWriter : PayloadWriter
    {
        private const int MaxDepth = 16;
        private const string HexDigits = "0123456789abcdef";

        private readonly byte[] _digits = new byte[20];
        private readonly bool[] _hasItems = new bool[MaxDepth];
        private int _depth;
        private bool _afterKey;

        public override void Begin(byte[] target, int capacity)
        {
            base.Begin(target, capacity);
            _depth = 0;
            _hasItems[0] = false;
            _afterKey = false;
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

        public override void Key(string key)
        {
            Separate();
            Sink.Put('"');
            Sink.Put(key);
            Sink.Put('"');
            Sink.Put(':');
            _afterKey = true;
        }

        public override void Int(long value)
        {
            Separate();
            PutInteger(value);
        }

        public override void Text(string value)
        {
            Separate();
            Sink.Put('"');
            for (int i = 0; i < value.Length; i++)
                PutTextChar(value[i]);
            Sink.Put('"');
        }

        public override void Text(byte[] source, int offset, int count)
        {
            Separate();
            Sink.Put('"');
            for (int i = 0; i < count; i++)
                PutTextChar((char)source[offset + i]);
            Sink.Put('"');
        }

        public override void Decimal(float value, int decimals)
        {
            Separate();
            int scale = DecimalText.Scale(decimals);
            long rounded = DecimalText.Round(value, scale);
            if (rounded < 0)
            {
                Sink.Put('-');
                rounded = -rounded;
            }

            PutInteger(rounded / scale);
            if (decimals == 0)
                return;
            Sink.Put('.');
            long fraction = rounded % scale;
            for (int divisor = scale / 10; divisor > 0; divisor /= 10)
                Sink.Put('0' + (int)(fraction / divisor % 10));
        }

        public override void Bool(bool value)
        {
            Separate();
            Sink.Put(value ? "true" : "false");
        }

        public override void Null()
        {
            Separate();
            Sink.Put("null");
        }

        /// <summary>Starts a string value built from pieces (Home Assistant templates).</summary>
        public void BeginText()
        {
            Separate();
            Sink.Put('"');
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
            Sink.Put('"');
        }

        private void Open(char bracket)
        {
            Separate();
            Sink.Put(bracket);
            if (_depth < MaxDepth - 1)
                _depth++;
            _hasItems[_depth] = false;
        }

        private void Close(char bracket)
        {
            Sink.Put(bracket);
            if (_depth > 0)
                _depth--;
        }

        /// <summary>Writes the comma before every item but the first of its level; a value after a key needs none.</summary>
        private void Separate()
        {
            if (_afterKey)
            {
                _afterKey = false;
                return;
            }

            if (_hasItems[_depth])
                Sink.Put(',');
            _hasItems[_depth] = true;
        }

        /// <summary>Escapes what JSON requires (quote, backslash, control characters) and anything outside ASCII.</summary>
        private void PutTextChar(char c)
        {
            if (c == '"' || c == '\\')
            {
                Sink.Put('\\');
                Sink.Put(c);
            }
            else if (c < 0x20 || c > 0x7E)
            {
                Sink.Put("\\u");
                for (int shift = 12; shift >= 0; shift -= 4)
                    Sink.Put(HexDigits[(c >> shift) & 0xF]);
            }
            else
            {
                Sink.Put(c);
            }
        }

        private void PutInteger(long value)
        {
            if (value < 0)
            {
                Sink.Put('-');
                // long.MinValue cannot be negated; no value of ours comes near it.
                value = -value;
            }

            int count = DecimalText.ReversedDigits(value, _digits);
            while (count > 0)
                Sink.Put(_digits[--count]);
        }
    }
}
