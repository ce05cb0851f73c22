namespace nanoFramework.BMS.Uplink.Encoding
{
    /// <summary>
    /// The bytes of a message under construction: writes stop at the capacity but keep counting,
    /// so an encoder learns how much room a message would have needed instead of throwing.
    /// </summary>
    public sealed class ByteSink
    {
        private byte[] _target;
        private int _capacity;
        private int _position;

        public void Begin(byte[] target, int capacity)
        {
            _target = target;
            _capacity = capacity < target.Length ? capacity : target.Length;
            _position = 0;
        }

        public int Length
        {
            get { return _position < _capacity ? _position : _capacity; }
        }

        public int RequiredLength
        {
            get { return _position; }
        }

        public bool Overflowed
        {
            get { return _position > _capacity; }
        }

        public void Put(int value)
        {
            if (_position < _capacity)
                _target[_position] = (byte)value;
            _position++;
        }

        public void Put(string ascii)
        {
            for (int i = 0; i < ascii.Length; i++)
                Put(ascii[i]);
        }
    }
}
