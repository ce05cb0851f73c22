namespace nanoFramework.BMS.Config
{
    /// <summary>The reading side of RecordWriter; reading past the end sets Overflowed and yields zeros.</summary>
    public sealed class RecordReader
    {
        private readonly byte[] _buffer;
        private readonly int _end;
        public int Position;
        public bool Overflowed;

        public RecordReader(byte[] buffer, int offset, int end)
        {
            _buffer = buffer;
            Position = offset;
            _end = end;
        }

        public int Byte()
        {
            if (Position >= _end)
            {
                Overflowed = true;
                return 0;
            }

            return _buffer[Position++];
        }

        public int Int16()
        {
            int low = Byte();
            return (short)(low | (Byte() << 8));
        }

        public int Int32()
        {
            int low = Int16() & 0xFFFF;
            return low | (Int16() << 16);
        }

        public float Fixed(float scale)
        {
            return Int32() / scale;
        }

        public string Text()
        {
            int length = Byte();
            char[] chars = new char[length];
            for (int i = 0; i < length; i++)
                chars[i] = (char)Byte();
            return new string(chars);
        }

        public void Bytes(byte[] target, int count)
        {
            for (int i = 0; i < count; i++)
                target[i] = (byte)Byte();
        }
    }
}
