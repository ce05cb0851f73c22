using nanoFramework.BMS.Ports;
using nanoFramework.BMS.Profile;

namespace nanoFramework.BMS.Acquisition
{
    /// <summary>
    /// Reads every channel of the pack into a Sample through the board's ports, and judges
    /// plausibility on the way: a tap outside the physical range, a thermistor at a rail, a
    /// current reading that never moves.
    /// </summary>
    public sealed class PackSampler
    {
        private readonly IAnalogInputs _cellInputs;
        private readonly IAnalogInputs _thermistorInputs;
        private readonly IAnalogInputs _linkInput;
        private readonly ICurrentSensor _currentSensor;
        private readonly PackProfile _profile;
        private readonly ChannelCalibration[] _cellCalibration;
        private readonly ChannelCalibration _linkCalibration;
        private readonly float _minPlausibleMillivolts;
        private readonly float _maxPlausibleMillivolts;
        private readonly int _lowRailCounts;
        private readonly int _highRailCounts;
        private readonly float _stuckMinAmps;
        private readonly RiseTracker _rise;
        private readonly bool[] _thermistorValid;

        // True after a cycle with an invalid thermistor: the next one first marks every sensor
        // valid again, so a cycle with all sensors valid writes no validity at all.
        private bool _thermistorMarkedInvalid = true;
        private int _sequence;
        private float _lastAmps = float.NaN;

        public PackSampler(PackProfile profile, BoardPorts ports)
        {
            _cellInputs = ports.CellInputs;
            _thermistorInputs = ports.ThermistorInputs;
            _linkInput = ports.LinkVoltageInput;
            _currentSensor = ports.CurrentSensor;
            _profile = profile;
            _cellCalibration = profile.CellCalibration;
            _linkCalibration = profile.LinkCalibration;
            SafetyParameters safety = profile.Safety;
            _minPlausibleMillivolts = safety.MinPlausibleCellMillivolts;
            _maxPlausibleMillivolts = safety.MaxPlausibleCellMillivolts;
            _lowRailCounts = safety.ThermistorRailCounts;
            _highRailCounts = ChannelCalibration.FullScaleCounts - safety.ThermistorRailCounts;
            _stuckMinAmps = safety.StuckMinAmps;
            _rise = new RiseTracker(profile.ThermistorCount);
            _thermistorValid = new bool[profile.ThermistorCount];
        }

        public void Acquire(Sample sample, long nowMs)
        {
            _sequence++;
            sample.Sequence = _sequence;
            sample.TimeMs = nowMs;
            ReadCells(sample);
            ReadTemperatures(sample);
            _rise.Update(sample, _thermistorValid, !_thermistorMarkedInvalid);
            ReadCurrent(sample);

            int linkCounts = _linkInput == null ? -1 : _linkInput.ReadCounts(0);
            sample.LinkValid = linkCounts >= 0;
            if (sample.LinkValid)
                sample.LinkMillivolts = _linkCalibration.ToMillivolts(linkCounts);
        }

        private void ReadCurrent(Sample sample)
        {
            float amps;
            float packMillivolts;
            sample.CurrentStatus = _currentSensor.Read(out amps, out packMillivolts);
            sample.CurrentValid = sample.CurrentStatus == CurrentSensorStatus.Ok;
            if (!sample.CurrentValid)
            {
                sample.CurrentUnchanged = false;
                return;
            }

            amps -= _profile.CurrentOffsetAmps;

            // A live shunt reading flickers in its last bits; one that repeats exactly while
            // current flows comes from a frozen converter or a stuck bus.
            float magnitude = amps < 0f ? -amps : amps;
            sample.CurrentUnchanged = amps == _lastAmps && magnitude > _stuckMinAmps;
            _lastAmps = amps;
            sample.PackAmps = amps;
            sample.PackMillivolts = packMillivolts;
        }

        // The channel loops below run 24 times a cycle at 16 cells and 8 sensors, so they are
        // written for the interpreter: ports, arrays, bounds and limits in locals (a local load is
        // one IL instruction, a field load two), and the calibration inlined rather than called
        // (ChannelCalibration.ToMillivolts computes the same expression).
        private void ReadCells(Sample sample)
        {
            IAnalogInputs inputs = _cellInputs;
            ChannelCalibration[] calibrations = _cellCalibration;
            float minPlausible = _minPlausibleMillivolts;
            float maxPlausible = _maxPlausibleMillivolts;
            float[] millivolts = sample.CellMillivolts;
            int[] rawCounts = sample.CellCounts;
            int count = millivolts.Length;
            float max = -1e9f;
            float min = 1e9f;
            float sum = 0f;
            int maxIndex = 0;
            int minIndex = 0;
            int failed = -1;
            int implausible = -1;
            for (int i = 0; i < count; i++)
            {
                int counts = inputs.ReadCounts(i);
                rawCounts[i] = counts;
                if (counts < 0)
                {
                    if (failed < 0)
                        failed = i;
                    continue;
                }

                ChannelCalibration calibration = calibrations[i];
                float value = counts * calibration.GainMillivoltsPerCount + calibration.OffsetMillivolts;
                millivolts[i] = value;

                // Plausibility is judged only where a value would become the new highest or
                // lowest: a value above the plausible range is above every plausible value so far
                // and above the starting -1e9 mV, one below it is below them and below 1e9 mV, so
                // none slips past, and the common cell that is neither pays no range check
                // (6 IL a cell, about 100 of a 16-cell cycle).
                if (value > max)
                {
                    if (value > maxPlausible || value < minPlausible)
                    {
                        if (implausible < 0)
                            implausible = i;
                        continue;
                    }

                    max = value;
                    maxIndex = i;
                }

                if (value < min)
                {
                    if (value < minPlausible)
                    {
                        if (implausible < 0)
                            implausible = i;
                        continue;
                    }

                    min = value;
                    minIndex = i;
                }

                sum += value;
            }

            sample.FailedCellIndex = failed;
            sample.ImplausibleCellIndex = implausible;
            sample.CellsValid = failed < 0 && implausible < 0;
            sample.CellSumMillivolts = sum;
            sample.MaxCellMillivolts = max;
            sample.MaxCellIndex = maxIndex;
            sample.MinCellMillivolts = min;
            sample.MinCellIndex = minIndex;
        }

        private void ReadTemperatures(Sample sample)
        {
            IAnalogInputs inputs = _thermistorInputs;
            bool[] validity = _thermistorValid;
            int lowRail = _lowRailCounts;
            int highRail = _highRailCounts;
            float[] celsius = sample.Celsius;
            int count = celsius.Length;
            float max = -1e9f;
            float min = 1e9f;
            int maxIndex = 0;
            int minIndex = 0;
            int failed = -1;
            int atRail = -1;
            if (_thermistorMarkedInvalid)
            {
                for (int i = 0; i < count; i++)
                    validity[i] = true;
            }

            for (int i = 0; i < count; i++)
            {
                int counts = inputs.ReadCounts(i);
                if (counts <= lowRail || counts >= highRail)
                {
                    validity[i] = false;
                    if (counts < 0)
                    {
                        if (failed < 0)
                            failed = i;
                    }
                    else if (atRail < 0)
                    {
                        atRail = i;
                    }

                    continue;
                }

                // NtcTable.CountsToCelsius, inlined (the same expression): a call and a
                // return less per sensor (a static field load is one IL instruction, like a
                // local's, so the table stays in its fields).
                float value;
                if (counts <= NtcTable.FirstCounts)
                {
                    value = NtcTable.FirstCelsius;
                }
                else if (counts >= NtcTable.LastCounts)
                {
                    value = NtcTable.LastCelsius;
                }
                else
                {
                    int low = NtcTable.SegmentOfBucket[counts >> NtcTable.BucketShift];
                    while (counts >= NtcTable.SegmentEndCounts[low])
                        low++;
                    value = NtcTable.SegmentFirstCelsius[low] + (float)(counts - NtcTable.SegmentStartCounts[low]) / NtcTable.SegmentSpanCounts[low] * NtcTable.SegmentStepCelsius[low];
                }

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

            bool allValid = failed < 0 && atRail < 0;
            _thermistorMarkedInvalid = !allValid;
            sample.FailedThermistorIndex = failed;
            sample.RailThermistorIndex = atRail;
            sample.TemperaturesValid = allValid;
            sample.MaxCelsius = max;
            sample.MaxCelsiusIndex = maxIndex;
            sample.MinCelsius = min;
            sample.MinCelsiusIndex = minIndex;
        }
    }
}
