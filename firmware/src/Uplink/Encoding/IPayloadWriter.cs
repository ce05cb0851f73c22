namespace nanoFramework.BMS.Uplink.Encoding
{
    /// <summary>
    /// Writes one structured message into a caller's buffer. One composer drives a JSON or a CBOR
    /// writer through this, so both formats carry the same fields in the same order. Counts are
    /// given up front because CBOR writes definite lengths; JSON ignores them.
    /// </summary>
    public interface IPayloadWriter
    {
        /// <summary>Starts a message at target[0]; nothing is written at or past capacity.</summary>
        void Begin(byte[] target, int capacity);

        /// <summary>Bytes written, at most the capacity.</summary>
        int Length { get; }

        /// <summary>Bytes the message needs, counted even past the capacity, so a caller can resize the batch.</summary>
        int RequiredLength { get; }

        bool Overflowed { get; }

        void BeginMap(int entries);

        void EndMap();

        void BeginArray(int items);

        void EndArray();

        void Key(string key);

        void Int(long value);

        void Text(string value);

        /// <summary>ASCII text from a buffer (ids echoed from a command).</summary>
        void Text(byte[] source, int offset, int count);

        /// <summary>A decimal with a fixed number of fractional digits (JSON 64.811; CBOR decimal fraction, tag 4).</summary>
        void Decimal(float value, int decimals);

        void Bool(bool value);

        void Null();
    }
}
