namespace nanoFramework.BMS.Acquisition
{
    /// <summary>
    /// Rate of temperature rise per sensor over the last second, from a ring of readings taken
    /// every 250 ms (5 slots per sensor instead of a second of samples, to save RAM). A sensor
    /// that failed restarts its history, so a reconnecting thermistor cannot fake a fast rise.
    /// </summary>
    public sealed class RiseTracker
    {
        public const int SlotMs = 250;
        public const int Slots = 5;

        private readonly int _sensors;
        private readonly float[] _history;
        private readonly long[] _slotTimeMs = new long[Slots];
        private readonly int[] _validSlots;
        private int _head;
        private long _nextSlotMs = long.MinValue;
        private float _maxRise;
        private int _maxRiseIndex;

        public RiseTracker(int sensors)
        {
            _sensors = sensors;
            _history = new float[sensors * Slots];
            _validSlots = new int[sensors];
        }

        /// <summary>Takes the sample's temperatures when a slot is due; fills the sample's rise fields.</summary>
        public void Update(Sample sample, bool[] sensorValid)
        {
            if (sample.TimeMs >= _nextSlotMs)
            {
                _nextSlotMs = sample.TimeMs + SlotMs;
                Push(sample, sensorValid);
            }

            sample.MaxRiseCelsiusPerSecond = _maxRise;
            sample.MaxRiseIndex = _maxRiseIndex;
        }

        private void Push(Sample sample, bool[] sensorValid)
        {
            _head = (_head + 1) % Slots;
            _slotTimeMs[_head] = sample.TimeMs;
            int oldest = (_head + 1) % Slots;
            float seconds = (sample.TimeMs - _slotTimeMs[oldest]) / 1000f;
            float maxRise = 0f;
            int maxIndex = 0;
            for (int i = 0; i < _sensors; i++)
            {
                int row = i * Slots;
                _history[row + _head] = sample.Celsius[i];
                if (!sensorValid[i])
                {
                    _validSlots[i] = 0;
                    continue;
                }

                if (_validSlots[i] < Slots)
                    _validSlots[i]++;
                if (_validSlots[i] < Slots || !(seconds > 0f))
                    continue;
                float rise = (_history[row + _head] - _history[row + oldest]) / seconds;
                if (rise > maxRise)
                {
                    maxRise = rise;
                    maxIndex = i;
                }
            }

            _maxRise = maxRise;
            _maxRiseIndex = maxIndex;
        }
    }
}
