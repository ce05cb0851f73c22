namespace nanoFramework.BMS.Uplink.Encoding
{
    /// <summary>
    /// Writes one structured message into a caller's buffer. One composer drives a JSON or a CBOR
    /// writer through this, so both formats carry the same fields in the same order. Counts are
    /// given up front because CBOR writes definite lengths; JSON ignores them.
    /// </summary>
    public abstract class PayloadWriter
    {
        protected readonly ByteSink Sink = new ByteSink();

        /// <summary>Starts a message at target[0]; nothing is written at or past capacity.</summary>
        public virtual void Begin(byte[] target, int capacity)
        {
            Sink.Begin(target, capacity);
        }

        /// <summary>Bytes written, at most the capacity.</summary>
        public int Length
        {
            get { return Sink.Length; }
        }

        /// <summary>Bytes the message needs, counted even past the capacity, so a caller can resize the batch.</summary>
        public int RequiredLength
        {
            get { return Sink.RequiredLength; }
        }

        public bool Overflowed
        {
            get { return Sink.Overflowed; }
        }

        public abstract void BeginMap(int entries);

        public abstract void EndMap();

        public abstract void BeginArray(int items);

        public abstract void EndArray();

        public abstract void Key(string key);

        public abstract void Int(long value);

        public abstract void Text(string value);

        /// <summary>ASCII text from a buffer (ids echoed from a command).</summary>
        public abstract void Text(byte[] source, int offset, int count);

        /// <summary>A decimal with a fixed number of fractional digits (JSON 64.811; CBOR decimal fraction, tag 4).</summary>
        public abstract void Decimal(float value, int decimals);

        public abstract void Bool(bool value);

        public abstract void Null();
    }
}
