namespace nanoFramework.BMS.Uplink.Encoding
{
    /// <summary>
    /// Sizes a message at its widest: passes the structure, keys and texts to a real writer but
    /// replaces every number by the widest one of its kind (an int by int.MinValue, a wider
    /// integer by the most negative long the writers negate, a decimal by a mantissa of 19
    /// digits, and a null, which stands in for either, by such a decimal). A composer driven
    /// through it gives the most bytes its message can ever take, whatever the values, so a
    /// slot sized from it always fits the message. Used at start-up only.
    /// </summary>
    public sealed class WidestValueWriter : PayloadWriter
    {
        /// <summary>Magnitude whose rounded mantissa has 19 digits at any scale, and still converts to a long.</summary>
        private const float WidestMantissa = -9.0e18f;

        private readonly PayloadWriter _inner;

        public WidestValueWriter(PayloadWriter inner)
        {
            _inner = inner;
        }

        /// <summary>Bytes the message needs at its widest.</summary>
        public int WidestLength
        {
            get { return _inner.RequiredLength; }
        }

        public override void Begin(byte[] target, int capacity)
        {
            _inner.Begin(target, capacity);
        }

        public override void BeginMap(int entries)
        {
            _inner.BeginMap(entries);
        }

        public override void EndMap()
        {
            _inner.EndMap();
        }

        public override void BeginArray(int items)
        {
            _inner.BeginArray(items);
        }

        public override void EndArray()
        {
            _inner.EndArray();
        }

        public override void Key(string key)
        {
            _inner.Key(key);
        }

        public override void Key(byte[] table, int key)
        {
            _inner.Key(table, key);
        }

        public override void Int(long value)
        {
            bool fitsInt = value >= int.MinValue && value <= int.MaxValue;
            _inner.Int(fitsInt ? int.MinValue : long.MinValue + 1);
        }

        public override void Text(string value)
        {
            _inner.Text(value);
        }

        public override void Text(byte[] source, int offset, int count)
        {
            _inner.Text(source, offset, count);
        }

        public override void Decimal(float value, int decimals)
        {
            _inner.Decimal(WidestMantissa / DecimalText.Scale(decimals), decimals);
        }

        public override void Bool(bool value)
        {
            _inner.Bool(false);
        }

        public override void Null()
        {
            _inner.Decimal(WidestMantissa / DecimalText.Scale(3), 3);
        }
    }
}
