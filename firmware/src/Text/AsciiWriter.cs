namespace nanoFramework.BMS
{
    /// <summary>
    /// Formats text straight into a preallocated byte buffer. int.ToString and string
    /// concatenation allocate on every call, which the control cycle must not do. With a Sink,
    /// a full buffer is sent on and reused, so long output streams through a small buffer;
    /// without one, writes past the end are dropped and flagged in Overflowed, never thrown.
    /// </summary>
    public sealed class AsciiWriter
    {
        /// <summary>Where a full buffer goes; null to keep everything in the buffer.</summary>
        public Ports.IConsolePort Sink;

        public readonly byte[] Buffer;
        public int Length;
        public bool Overflowed;

        /// <summary>Widest int in text: "-2147483648".</summary>
        private const int MaxIntChars = 11;

        // Digits of one number, least significant first.
        private readonly byte[] _digits = new byte[20];

        public AsciiWriter(int capacity)
        {
            Buffer = new byte[capacity];
        }

        public void Clear()
        {
            Length = 0;
            Overflowed = false;
        }

        public void Append(char c)
        {
            // One room check while there is room: telemetry appends about 3,300 characters a
            // second one by one, so a second check would cost some 23,000 IL a second.
            if (Length >= Buffer.Length)
            {
                Drain();
                if (Length >= Buffer.Length)
                {
                    Overflowed = true;
                    return;
                }
            }

            Buffer[Length++] = (byte)c;
        }

        public void Append(string text)
        {
            // One room check for the whole text rather than a call and a check per character:
            // the telemetry and console texts are mostly field names and fixed words.
            int length = Length;
            int count = text.Length;
            if (length + count > Buffer.Length)
            {
                for (int i = 0; i < count; i++)
                    Append(text[i]);
                return;
            }

            byte[] buffer = Buffer;
            for (int i = 0; i < count; i++)
                buffer[length + i] = (byte)text[i];
            Length = length + count;
        }

        /// <summary>Appends bytes of another buffer, replacing anything that is not printable ASCII by '?'.</summary>
        public void AppendPrintable(byte[] source, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                byte b = source[offset + i];
                Append(b >= 0x20 && b < 0x7F ? (char)b : '?');
            }
        }

        /// <summary>
        /// The number in decimal. Telemetry writes about 2,700 a second at 16 cells and 100 Hz, so
        /// this path is written for the interpreter: one room check per number instead of one call
        /// and check per character, the digits stored straight into the buffer from the last one
        /// back, and int rather than long division. Near the end of the buffer, and for
        /// int.MinValue (whose negation overflows), the checked path writes what it always wrote.
        /// </summary>
        public void Append(int value)
        {
            int length = Length;
            byte[] buffer = Buffer;
            if (length + MaxIntChars > buffer.Length || value == int.MinValue)
            {
                Append((long)value);
                return;
            }

            if (value < 0)
            {
                buffer[length++] = (byte)'-';
                value = -value;
            }

            int end = length + DigitCount(value);
            int position = end;
            do
            {
                int tens = value / 10;
                buffer[--position] = (byte)('0' + value - tens * 10);
                value = tens;
            }
            while (value != 0);
            Length = end;
        }

        /// <summary>Decimal digits of a value from 0 up, with the common telemetry sizes first.</summary>
        private static int DigitCount(int value)
        {
            if (value < 10000)
                return value < 100 ? (value < 10 ? 1 : 2) : (value < 1000 ? 3 : 4);
            int digits = 5;
            for (int rest = value / 100000; rest != 0; rest /= 10)
                digits++;
            return digits;
        }

        public void Append(long value)
        {
            if (value < 0)
            {
                Append('-');
                // Negating long.MinValue overflows; no measurement comes near it.
                value = -value;
            }

            int count = DecimalText.ReversedDigits(value, _digits);
            while (count > 0)
                Append((char)_digits[--count]);
        }

        /// <summary>Appends the value rounded to the given number of decimals (0 to 4), e.g. 3.1 -> "3.100".</summary>
        public void AppendFixed(float value, int decimals)
        {
            int scale = DecimalText.Scale(decimals);
            long rounded = DecimalText.Round(value, scale);
            if (rounded < 0)
            {
                Append('-');
                rounded = -rounded;
            }

            Append(rounded / scale);
            if (decimals == 0)
                return;
            Append('.');
            long fraction = rounded % scale;
            for (int divisor = scale / 10; divisor > 0; divisor /= 10)
                Append((char)('0' + (int)(fraction / divisor % 10)));
        }

        /// <summary>Sends the buffer to the sink, if there is one.</summary>
        public void Drain()
        {
            if (Sink == null || Length == 0)
                return;
            Sink.Write(Buffer, 0, Length);
            Length = 0;
        }

        /// <summary>Makes room for a padded field, so it is never split by a drain.</summary>
        private void Reserve(int width)
        {
            if (Length + width + 24 > Buffer.Length)
                Drain();
        }

        /// <summary>Appends the value right-aligned in a field of the given width.</summary>
        public void AppendPadded(long value, int width)
        {
            Reserve(width);
            int start = Length;
            Append(value);
            PadLeft(start, width);
        }

        public void AppendFixedPadded(float value, int decimals, int width)
        {
            Reserve(width);
            int start = Length;
            AppendFixed(value, decimals);
            PadLeft(start, width);
        }

        /// <summary>Appends the text and spaces after it up to the given width.</summary>
        public void AppendPaddedRight(string text, int width)
        {
            Append(text);
            for (int i = text.Length; i < width; i++)
                Append(' ');
        }

        /// <summary>Shifts what was written since start right so it ends at start + width.</summary>
        private void PadLeft(int start, int width)
        {
            int written = Length - start;
            int pad = width - written;
            if (pad <= 0 || Length + pad > Buffer.Length)
                return;
            for (int i = Length - 1; i >= start; i--)
                Buffer[i + pad] = Buffer[i];
            for (int i = 0; i < pad; i++)
                Buffer[start + i] = (byte)' ';
            Length += pad;
        }
    }
}
