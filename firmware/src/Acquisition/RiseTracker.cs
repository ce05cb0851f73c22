using System;

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

        // Slot after slot, each holding every sensor: a slot is filled with one Array.Copy (a
        // single native call) instead of a store per sensor on the interpreter.
        private readonly float[] _history;
        private readonly long[] _slotTimeMs = new long[Slots];

        /// <summary>Per sensor: slots filled since it was last invalid, up to Slots.</summary>
        private readonly int[] _validSlots;
        private bool _allSlotsValid;
        private int _head;
        private long _nextSlotMs = long.MinValue;
        private float _maxRise;
        private int _maxRiseIndex;

        // The rises over the newest slot are computed a few sensors a cycle (the sampler's
        // temperature scan rate), not all in the slot's cycle: at 8 sensors and 100 Hz that cycle
        // was the costliest of all, about 280 IL. A rise above the published maximum is published
        // at once; the round's maximum replaces it when the round is complete.
        private readonly int _sensorsPerCycle;
        private int _nextSensor;
        private float _roundMaxRise;
        private int _roundMaxRiseIndex;
        private float _seconds;
        private int _headRow;
        private int _oldestRow;

        public RiseTracker(int sensors, int sensorsPerCycle)
        {
            _sensors = sensors;
            _sensorsPerCycle = sensorsPerCycle < 1 ? 1 : sensorsPerCycle;
            _history = new float[sensors * Slots];
            _validSlots = new int[sensors];
            _nextSensor = sensors;
        }

        /// <summary>
        /// Takes the sample's temperatures when a slot is due and the sampler has just completed
        /// a scan, computes the next sensors' rises; fills the sample's rise fields.
        /// allSensorsValid says every entry of sensorValid is true. A slot only at the end of a
        /// scan: every slot then holds each sensor at the same age (read the same number of
        /// cycles before the slot), so the rise of a sensor read round-robin is not off by the
        /// difference of its readings' ages, up to 4 % at 8 sensors and 100 Hz.
        /// </summary>
        public void Update(Sample sample, bool[] sensorValid, bool allSensorsValid, bool scanCompleted)
        {
            if (scanCompleted && sample.TimeMs >= _nextSlotMs)
            {
                // On a fixed 250 ms grid, so that a slot taken up to a scan late does not delay
                // the next: the window stays four slots of 250 ms, give or take one scan.
                _nextSlotMs += SlotMs;
                if (_nextSlotMs <= sample.TimeMs)
                    _nextSlotMs = sample.TimeMs + SlotMs;
                Push(sample, sensorValid, allSensorsValid);
            }

            // A round takes as many cycles as a scan, so it ends before the next slot, which
            // waits for the next scan to complete.
            if (_nextSensor < _sensors)
                ComputeRises();
            sample.MaxRiseCelsiusPerSecond = _maxRise;
            sample.MaxRiseIndex = _maxRiseIndex;
        }

        private void Push(Sample sample, bool[] sensorValid, bool allSensorsValid)
        {
            int sensors = _sensors;
            int head = _head + 1;
            if (head == Slots)
                head = 0;
            int oldest = head + 1;
            if (oldest == Slots)
                oldest = 0;
            _head = head;
            long timeMs = sample.TimeMs;
            _slotTimeMs[head] = timeMs;
            sample.RiseSlotMs = timeMs;
            _seconds = (timeMs - _slotTimeMs[oldest]) / 1000f;
            _headRow = head * sensors;
            _oldestRow = oldest * sensors;
            Array.Copy(sample.Celsius, 0, _history, _headRow, sensors);

            bool allSlotsValid = allSensorsValid && _allSlotsValid;
            if (!allSlotsValid)
                allSlotsValid = CountValidSlots(sensorValid);
            _allSlotsValid = allSlotsValid;
            _nextSensor = 0;
            _roundMaxRise = 0f;
            _roundMaxRiseIndex = 0;
        }

        // Fields rather than locals: at one sensor a cycle, copying them in and out costs more.
        private void ComputeRises()
        {
            int sensors = _sensors;
            int i = _nextSensor;
            int end = i + _sensorsPerCycle;
            if (end > sensors)
                end = sensors;
            float seconds = _seconds;
            float[] history = _history;
            for (; i < end; i++)
            {
                if (seconds <= 0f || (!_allSlotsValid && _validSlots[i] < Slots))
                    continue;
                float rise = (history[_headRow + i] - history[_oldestRow + i]) / seconds;
                if (rise > _roundMaxRise)
                {
                    _roundMaxRise = rise;
                    _roundMaxRiseIndex = i;
                }

                if (rise > _maxRise)
                {
                    _maxRise = rise;
                    _maxRiseIndex = i;
                }
            }

            _nextSensor = i;
            if (i == sensors)
            {
                _maxRise = _roundMaxRise;
                _maxRiseIndex = _roundMaxRiseIndex;
            }
        }

        /// <summary>Restarts the history of invalid sensors, counts the others on; true when every sensor has a full ring.</summary>
        private bool CountValidSlots(bool[] sensorValid)
        {
            bool all = true;
            for (int i = 0; i < _sensors; i++)
            {
                if (!sensorValid[i])
                    _validSlots[i] = 0;
                else if (_validSlots[i] < Slots)
                    _validSlots[i]++;
                if (_validSlots[i] < Slots)
                    all = false;
            }

            return all;
        }
    }
}
