namespace nanoFramework.BMS.Uplink.Encoding
{
    /// <summary>
    /// Writes one structured message into a caller's buffer. One composer drives a JSON or a CBOR
    /// writer through this, so both formats carry the same fields in the same order. Counts are
    /// given up front because CBOR writes definite lengths; JSON ignores them.
    /// Writes stop at the capacity but keep counting, so an encoder learns how much room a message
    /// would have needed instead of throwing. The writers are written for the interpreter: each
    /// item checks once that all its bytes fit and then stores them straight into the buffer (one
    /// IL store a byte, not a call and a check), and only an item that may not fit goes byte by
    /// byte through Put.
    /// </summary>
    public abstract class PayloadWriter
    {
        /// <summary>The message's buffer, its usable length and the bytes written (or that would have been).</summary>
        protected byte[] Buffer;
        protected int Capacity;
        protected int Position;

        /// <summary>Starts a message at target[0]; nothing is written at or past capacity.</summary>
        public virtual void Begin(byte[] target, int capacity)
        {
            Buffer = target;
            Capacity = capacity < target.Length ? capacity : target.Length;
            Position = 0;
        }

        /// <summary>Bytes written, at most the capacity.</summary>
        public int Length
        {
            get { return Position < Capacity ? Position : Capacity; }
        }

        /// <summary>Bytes the message needs, counted even past the capacity, so a caller can resize the batch.</summary>
        public int RequiredLength
        {
            get { return Position; }
        }

        public bool Overflowed
        {
            get { return Position > Capacity; }
        }

        public abstract void BeginMap(int entries);

        public abstract void EndMap();

        public abstract void BeginArray(int items);

        public abstract void EndArray();

        public abstract void Key(string key);

        /// <summary>The same as Key with the key's text, from a table encoded at start-up (PayloadKey: the handle is offset and length).</summary>
        public abstract void Key(byte[] table, int key);

        public abstract void Int(long value);

        public abstract void Text(string value);

        /// <summary>ASCII text from a buffer (ids echoed from a command).</summary>
        public abstract void Text(byte[] source, int offset, int count);

        /// <summary>A decimal with a fixed number of fractional digits (JSON 64.811; CBOR decimal fraction, tag 4).</summary>
        public abstract void Decimal(float value, int decimals);

        public abstract void Bool(bool value);

        public abstract void Null();

        /// <summary>One byte, written while there is room and counted either way: the slow path near the end of the buffer.</summary>
        protected void Put(int value)
        {
            if (Position < Capacity)
                Buffer[Position] = (byte)value;
            Position++;
        }

        protected void Put(string ascii)
        {
            for (int i = 0; i < ascii.Length; i++)
                Put(ascii[i]);
        }
    }
}
