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

        private void ReadCells(Sample sample)
        {
            float[] millivolts = sample.CellMillivolts;
            float max = -1e9f;
            float min = 1e9f;
            int maxIndex = 0;
            int minIndex = 0;
            sample.FailedCellIndex = -1;
            for (int i = 0; i < millivolts.Length; i++)
            {
                int counts = _cellInputs.ReadCounts(i);
                if (counts < 0)
                {
                    if (sample.FailedCellIndex < 0)
                        sample.FailedCellIndex = i;
                    continue;
                }

                float value = _cellCalibration[i].ToMillivolts(counts);
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

            sample.CellsValid = sample.FailedCellIndex < 0;
            sample.MaxCellMillivolts = max;
            sample.MaxCellIndex = maxIndex;
            sample.MinCellMillivolts = min;
            sample.MinCellIndex = minIndex;
        }

        private void ReadTemperatures(Sample sample)
        {
            float[] celsius = sample.Celsius;
            float max = -1e9f;
            float min = 1e9f;
            int maxIndex = 0;
            int minIndex = 0;
            sample.FailedThermistorIndex = -1;
            for (int i = 0; i < celsius.Length; i++)
            {
                int counts = _thermistorInputs.ReadCounts(i);
                if (counts < 0)
                {
                    if (sample.FailedThermistorIndex < 0)
                        sample.FailedThermistorIndex = i;
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

            sample.TemperaturesValid = sample.FailedThermistorIndex < 0;
            sample.MaxCelsius = max;
            sample.MaxCelsiusIndex = maxIndex;
            sample.MinCelsius = min;
            sample.MinCelsiusIndex = minIndex;
        }
    }
}
