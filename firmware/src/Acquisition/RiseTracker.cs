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

        public RiseTracker(int sensors)
        {
            _sensors = sensors;
            _history = new float[sensors * Slots];
            _validSlots = new int[sensors];
        }

        /// <summary>
        /// Takes the sample's temperatures when a slot is due; fills the sample's rise fields.
        /// allSensorsValid says every entry of sensorValid is true.
        /// </summary>
        public void Update(Sample sample, bool[] sensorValid, bool allSensorsValid)
        {
            if (sample.TimeMs >= _nextSlotMs)
            {
                _nextSlotMs = sample.TimeMs + SlotMs;
                Push(sample, sensorValid, allSensorsValid);
            }

            sample.MaxRiseCelsiusPerSecond = _maxRise;
            sample.MaxRiseIndex = _maxRiseIndex;
        }

        // Runs every 25th cycle at 100 Hz, and that cycle is the most expensive one, so the
        // budget's maximum is set here: the per-sensor loop keeps its arrays and bounds in
        // locals, and the slot bookkeeping is skipped once every sensor has stayed valid for a
        // whole ring.
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
            float seconds = (timeMs - _slotTimeMs[oldest]) / 1000f;
            float[] celsius = sample.Celsius;
            float[] history = _history;
            Array.Copy(celsius, 0, history, head * sensors, sensors);

            bool allSlotsValid = allSensorsValid && _allSlotsValid;
            if (!allSlotsValid)
                allSlotsValid = CountValidSlots(sensorValid);
            _allSlotsValid = allSlotsValid;

            float maxRise = 0f;
            int maxIndex = 0;
            if (seconds > 0f)
            {
                int oldestRow = oldest * sensors;
                if (allSlotsValid)
                {
                    // The steady state: every sensor has a full ring, no check per sensor.
                    for (int i = 0; i < sensors; i++)
                    {
                        float rise = (celsius[i] - history[oldestRow + i]) / seconds;
                        if (rise > maxRise)
                        {
                            maxRise = rise;
                            maxIndex = i;
                        }
                    }
                }
                else
                {
                    int[] validSlots = _validSlots;
                    for (int i = 0; i < sensors; i++)
                    {
                        if (validSlots[i] < Slots)
                            continue;
                        float rise = (celsius[i] - history[oldestRow + i]) / seconds;
                        if (rise > maxRise)
                        {
                            maxRise = rise;
                            maxIndex = i;
                        }
                    }
                }
            }

            _maxRise = maxRise;
            _maxRiseIndex = maxIndex;
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
