namespace nanoFramework.BMS.Uplink.Encoding
{
    /// <summary>
    /// Compact JSON (no spaces) into a caller's buffer. Tracks per nesting level whether a
    /// comma is due, so composers never think about separators.
    /// </summary>
    public sealed class JsonPayloadWriter : IPayloadWriter
    {
        private const int MaxDepth = 16;
        private const string HexDigits = "0123456789abcdef";

        private readonly ByteSink _sink = new ByteSink();
        private readonly byte[] _digits = new byte[20];
        private readonly bool[] _hasItems = new bool[MaxDepth];
        private int _depth;
        private bool _afterKey;

        public void Begin(byte[] target, int capacity)
        {
            _sink.Begin(target, capacity);
            _depth = 0;
            _hasItems[0] = false;
            _afterKey = false;
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
            Open('{');
        }

        public void EndMap()
        {
            Close('}');
        }

        public void BeginArray(int items)
        {
            Open('[');
        }

        public void EndArray()
        {
            Close(']');
        }

        public void Key(string key)
        {
            Separate();
            _sink.Put('"');
            _sink.Put(key);
            _sink.Put('"');
            _sink.Put(':');
            _afterKey = true;
        }

        public void Int(long value)
        {
            Separate();
            PutInteger(value);
        }

        public void Text(string value)
        {
            Separate();
            _sink.Put('"');
            for (int i = 0; i < value.Length; i++)
                PutTextChar(value[i]);
            _sink.Put('"');
        }

        public void Text(byte[] source, int offset, int count)
        {
            Separate();
            _sink.Put('"');
            for (int i = 0; i < count; i++)
                PutTextChar((char)source[offset + i]);
            _sink.Put('"');
        }

        public void Decimal(float value, int decimals)
        {
            Separate();
            int scale = 1;
            for (int i = 0; i < decimals; i++)
                scale *= 10;
            float scaled = value * scale;
            long rounded = (long)(scaled < 0f ? scaled - 0.5f : scaled + 0.5f);
            if (rounded < 0)
            {
                _sink.Put('-');
                rounded = -rounded;
            }

            PutInteger(rounded / scale);
            if (decimals == 0)
                return;
            _sink.Put('.');
            long fraction = rounded % scale;
            for (int divisor = scale / 10; divisor > 0; divisor /= 10)
                _sink.Put('0' + (int)(fraction / divisor % 10));
        }

        public void Bool(bool value)
        {
            Separate();
            _sink.Put(value ? "true" : "false");
        }

        public void Null()
        {
            Separate();
            _sink.Put("null");
        }

        /// <summary>Starts a string value built from pieces (Home Assistant templates).</summary>
        public void BeginText()
        {
            Separate();
            _sink.Put('"');
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
            _sink.Put('"');
        }

        private void Open(char bracket)
        {
            Separate();
            _sink.Put(bracket);
            if (_depth < MaxDepth - 1)
                _depth++;
            _hasItems[_depth] = false;
        }

        private void Close(char bracket)
        {
            _sink.Put(bracket);
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
                _sink.Put(',');
            _hasItems[_depth] = true;
        }

        /// <summary>Escapes what JSON requires (quote, backslash, control characters) and anything outside ASCII.</summary>
        private void PutTextChar(char c)
        {
            if (c == '"' || c == '\\')
            {
                _sink.Put('\\');
                _sink.Put(c);
            }
            else if (c < 0x20 || c > 0x7E)
            {
                _sink.Put("\\u");
                for (int shift = 12; shift >= 0; shift -= 4)
                    _sink.Put(HexDigits[(c >> shift) & 0xF]);
            }
            else
            {
                _sink.Put(c);
            }
        }

        private void PutInteger(long value)
        {
            if (value < 0)
            {
                _sink.Put('-');
                // long.MinValue cannot be negated; no value of ours comes near it.
                value = -value;
            }

            int count = 0;
            do
            {
                _digits[count++] = (byte)('0' + (int)(value % 10));
                value /= 10;
            }
            while (value > 0);

            while (count > 0)
                _sink.Put(_digits[--count]);
        }
    }
}
