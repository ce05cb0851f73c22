using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.Acquisition
{
    /// <summary>Reads every channel of the pack into a Sample through the board's ports.</summary>
    public sealed class PackSampler
    {
        private readonly IAnalogInputs _cellInputs;
        private readonly IAnalogInputs _thermistorInputs;
        private readonly ICurrentSensor _currentSensor;
        private readonly ChannelCalibration[] _cellCalibration;
        private int _sequence;

        public PackSampler(IAnalogInputs cellInputs, IAnalogInputs thermistorInputs, ICurrentSensor currentSensor, ChannelCalibration[] cellCalibration)
        {
            _cellInputs = cellInputs;
            _thermistorInputs = thermistorInputs;
            _currentSensor = currentSensor;
            _cellCalibration = cellCalibration;
        }

        public void Acquire(Sample sample, long nowMs)
        {
            _sequence++;
            sample.Sequence = _sequence;
            sample.TimeMs = nowMs;
            ReadCells(sample);
            ReadTemperatures(sample);

            float amps;
            float packMillivolts;
            sample.CurrentValid = _currentSensor.TryRead(out amps, out packMillivolts);
            if (sample.CurrentValid)
            {
                sample.PackAmps = amps;
                sample.PackMillivolts = packMillivolts;
            }
        }

        // The channel loops below run 24 times a cycle at 16 cells and 8 sensors, so they are
        // written for the interpreter: ports, arrays and counts in locals (a local load is one IL
        // instruction, a field load two), and the calibration inlined rather than called
        // (ChannelCalibration.ToMillivolts computes the same expression).
        private void ReadCells(Sample sample)
        {
            IAnalogInputs inputs = _cellInputs;
            ChannelCalibration[] calibrations = _cellCalibration;
            float[] millivolts = sample.CellMillivolts;
            int count = millivolts.Length;
            float max = -1e9f;
            float min = 1e9f;
            int maxIndex = 0;
            int minIndex = 0;
            int failedIndex = -1;
            for (int i = 0; i < count; i++)
            {
                int counts = inputs.ReadCounts(i);
                if (counts < 0)
                {
                    if (failedIndex < 0)
                        failedIndex = i;
                    continue;
                }

                ChannelCalibration calibration = calibrations[i];
                float value = counts * calibration.GainMillivoltsPerCount + calibration.OffsetMillivolts;
                millivolts[i] = value;
                if (value > max)
                {
                    max = value;
                    maxIndex = i;
                }

                if (value < min)
                {
                    min = value;
                    minIndex = i;
                }
            }

            sample.FailedCellIndex = failedIndex;
            sample.CellsValid = failedIndex < 0;
            sample.MaxCellMillivolts = max;
            sample.MaxCellIndex = maxIndex;
            sample.MinCellMillivolts = min;
            sample.MinCellIndex = minIndex;
        }

        private void ReadTemperatures(Sample sample)
        {
            IAnalogInputs inputs = _thermistorInputs;
            float[] celsius = sample.Celsius;
            int count = celsius.Length;
            float max = -1e9f;
            float min = 1e9f;
            int maxIndex = 0;
            int minIndex = 0;
            int failedIndex = -1;
            for (int i = 0; i < count; i++)
            {
                int counts = inputs.ReadCounts(i);
                if (counts < 0)
                {
                    if (failedIndex < 0)
                        failedIndex = i;
                    continue;
                }

                float value = NtcTable.CountsToCelsius(counts);
                celsius[i] = value;
                if (value > max)
                {
                    max = value;
                    maxIndex = i;
                }

                if (value < min)
                {
                    min = value;
                    minIndex = i;
                }
            }

            sample.FailedThermistorIndex = failedIndex;
            sample.TemperaturesValid = failedIndex < 0;
            sample.MaxCelsius = max;
            sample.MaxCelsiusIndex = maxIndex;
            sample.MinCelsius = min;
            sample.MinCelsiusIndex = minIndex;
        }
    }
}
