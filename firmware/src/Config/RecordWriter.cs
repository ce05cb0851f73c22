namespace nanoFramework.BMS.Config
{
    /// <summary>
    /// Sequential little-endian writer into a preallocated buffer. Floats are stored as
    /// fixed-point integers (value x scale): deterministic, readable in a hex dump, and without
    /// BitConverter's allocations.
    /// </summary>
    public sealed class RecordWriter
    {
        public readonly byte[] Buffer;
        public int Position;
        public bool Overflowed;

        public RecordWriter(byte[] buffer)
        {
            Buffer = buffer;
        }

        public void Byte(int value)
        {
            if (Position >= Buffer.Length)
            {
                Overflowed = true;
                return;
            }

            Buffer[Position++] = (byte)value;
        }

        public void Int16(int value)
        {
            Byte(value);
            Byte(value >> 8);
        }

        public void Int32(int value)
        {
            Int16(value);
            Int16(value >> 16);
        }

        /// <summary>The value times scale, rounded, as a 32-bit integer.</summary>
        public void Fixed(float value, float scale)
        {
            float scaled = value * scale;
            Int32((int)(scaled < 0f ? scaled - 0.5f : scaled + 0.5f));
        }

        /// <summary>An ASCII string of at most maxLength characters, length-prefixed.</summary>
        public void Text(string text, int maxLength)
        {
            int length = text == null ? 0 : text.Length;
            if (length > maxLength)
                length = maxLength;
            Byte(length);
            for (int i = 0; i < length; i++)
                Byte(text[i]);
        }

        public void Bytes(byte[] source, int count)
        {
            for (int i = 0; i < count; i++)
                Byte(source == null || i >= source.Length ? 0 : source[i]);
        }
    }
}
