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

        // Per sensor, when invalid: its conversion failed (else it read at a rail).
        private readonly bool[] _thermistorFailed;
        private readonly int _thermistorsPerCycle;
        private int _nextThermistor;
        private bool _firstScanDone;

        // The sample's validity fields describe every sensor valid; cleared whenever they say
        // anything else, so they are rewritten until they match _invalidThermistors again.
        private bool _reportedAllValid;
        private float _scanMaxCelsius = -1e9f;
        private float _scanMinCelsius = 1e9f;
        private int _scanMaxIndex;
        private int _scanMinIndex;
        private int _invalidThermistors;
        private ChannelWindow _cellWindow;
        private ChannelWindow _thermistorWindow;
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
            _rise = new RiseTracker(profile.ThermistorCount, ThermistorsPerCycle(profile));
            _thermistorValid = new bool[profile.ThermistorCount];
            _thermistorFailed = new bool[profile.ThermistorCount];
            _invalidThermistors = profile.ThermistorCount;
            _thermistorsPerCycle = ThermistorsPerCycle(profile);
        }

        /// <summary>
        /// Temperatures move over seconds, so each sensor is read at least every
        /// SafetyParameters.TemperatureScanMs, this many a cycle, round-robin: at 8 sensors and
        /// 100 Hz one a cycle instead of eight, some 400 IL a cycle less on the interpreter. The
        /// scan takes the whole cycles that fit in that time, so it never takes longer, whatever
        /// the rate. The wait for a sensor's turn is part of every temperature fault's worst case
        /// (docs/safety.md).
        /// </summary>
        public static int ThermistorsPerCycle(PackProfile profile)
        {
            int sensors = profile.ThermistorCount;
            int cyclesPerScan = SafetyParameters.TemperatureScanMs / profile.PeriodMs;
            if (cyclesPerScan < 1)
                cyclesPerScan = 1;
            return (sensors + cyclesPerScan - 1) / cyclesPerScan;
        }

        /// <summary>Cycles between two readings of the same sensor.</summary>
        public static int TemperatureScanCycles(PackProfile profile)
        {
            int perCycle = ThermistorsPerCycle(profile);
            return (profile.ThermistorCount + perCycle - 1) / perCycle;
        }

        /// <summary>
        /// From now on every cell reading (raw counts) and every temperature reading (tenths of a
        /// °C, rounded half away from zero) is also folded into these windows, for aggregate
        /// telemetry; the windows' owner clears them.
        /// </summary>
        public void FoldInto(ChannelWindow cells, ChannelWindow thermistors)
        {
            _cellWindow = cells;
            _thermistorWindow = thermistors;
        }

        public void Acquire(Sample sample, long nowMs)
        {
            _sequence++;
            sample.Sequence = _sequence;
            sample.TimeMs = nowMs;
            ReadCells(sample);
            bool scanCompleted = ReadTemperatures(sample);
            _rise.Update(sample, _thermistorValid, _invalidThermistors == 0, scanCompleted);
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
            int count = millivolts.Length;
            float max = -1e9f;
            float min = 1e9f;
            float sum = 0f;
            int maxIndex = 0;
            int minIndex = 0;
            int failed = -1;
            int implausible = -1;
            int[] foldMin = null;
            int[] foldMax = null;
            long[] foldSum = null;
            ChannelWindow window = _cellWindow;
            if (window != null)
            {
                foldMin = window.Min;
                foldMax = window.Max;
                foldSum = window.Sum;
            }

            for (int i = 0; i < count; i++)
            {
                int counts = inputs.ReadCounts(i);
                if (counts < 0)
                {
                    // The channel keeps its last good millivolts; the window folds their counts,
                    // so every cell has a reading for every sample of a window.
                    if (failed < 0)
                        failed = i;
                    if (foldMin != null)
                        window.Fold(i, HeldCounts(calibrations[i], millivolts[i]));
                    continue;
                }

                // ChannelWindow.Fold, inline. Raw counts rather than millivolts: no rounding here,
                // and calibration is monotonic, so the window converts only its extremes and its
                // mean (AggregateWindow.Close).
                if (foldMin != null)
                {
                    if (counts < foldMin[i])
                        foldMin[i] = counts;
                    if (counts > foldMax[i])
                        foldMax[i] = counts;
                    foldSum[i] += counts;
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

        /// <summary>The counts a calibration maps to these millivolts, rounded: the inverse of the reading's conversion.</summary>
        private static int HeldCounts(ChannelCalibration calibration, float millivolts)
        {
            float counts = (millivolts - calibration.OffsetMillivolts) / calibration.GainMillivoltsPerCount;
            return (int)(counts < 0f ? counts - 0.5f : counts + 0.5f);
        }

        // Each temperature is read once per scan, a few a cycle (ThermistorsPerCycle). The
        // extremes are kept without a pass over every sensor per cycle: a reading beyond the
        // published highest (lowest) raises (lowers) it at once, so a rising temperature trips
        // as soon as its sensor is read; a scan's own extremes replace the published ones when
        // the scan completes, so a falling one clears at most a scan later. Between, the
        // published extremes are never inside the true ones: the safe side.
        // Every piece of state is written where it changes, not copied back at the end: a port
        // that throws in the middle (the cycle then fails safe) must not leave the validity count,
        // the next sensor or the scan's extremes out of step with what was read.
        /// <summary>Reads the sensors whose turn it is; true when this completed a scan.</summary>
        private bool ReadTemperatures(Sample sample)
        {
            IAnalogInputs inputs = _thermistorInputs;
            bool[] validity = _thermistorValid;
            int lowRail = _lowRailCounts;
            int highRail = _highRailCounts;
            float[] celsius = sample.Celsius;
            int count = celsius.Length;
            int i = _nextThermistor;
            bool scanCompleted = false;

            // Until one scan has completed every remaining sensor is read at once, so no cycle
            // judges a sensor never read (the first acquisition, or one that failed half-way).
            int reads = _firstScanDone ? _thermistorsPerCycle : count - i;
            for (; reads > 0; reads--)
            {
                int counts = inputs.ReadCounts(i);
                if (counts <= lowRail || counts >= highRail)
                {
                    _thermistorFailed[i] = counts < 0;
                    if (validity[i])
                    {
                        validity[i] = false;
                        _invalidThermistors++;
                    }
                }
                else
                {
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
                    if (!validity[i])
                    {
                        validity[i] = true;
                        _invalidThermistors--;
                    }

                    if (value > _scanMaxCelsius)
                    {
                        _scanMaxCelsius = value;
                        _scanMaxIndex = i;
                    }

                    if (value < _scanMinCelsius)
                    {
                        _scanMinCelsius = value;
                        _scanMinIndex = i;
                    }

                    if (value > sample.MaxCelsius)
                    {
                        sample.MaxCelsius = value;
                        sample.MaxCelsiusIndex = i;
                    }

                    if (value < sample.MinCelsius)
                    {
                        sample.MinCelsius = value;
                        sample.MinCelsiusIndex = i;
                    }

                    if (_thermistorWindow != null)
                    {
                        float deci = value * 10f;
                        _thermistorWindow.Add(i, (int)(deci < 0f ? deci - 0.5f : deci + 0.5f));
                    }
                }

                i++;
                if (i == count)
                {
                    // A scan is complete: its extremes are the sensors' latest readings' extremes.
                    i = 0;
                    sample.MaxCelsius = _scanMaxCelsius;
                    sample.MaxCelsiusIndex = _scanMaxIndex;
                    sample.MinCelsius = _scanMinCelsius;
                    sample.MinCelsiusIndex = _scanMinIndex;
                    _scanMaxCelsius = -1e9f;
                    _scanMinCelsius = 1e9f;
                    scanCompleted = true;
                    _firstScanDone = true;

                    // The next scan starts with the next cycle, so every scan reads each sensor
                    // at the same point of the cycle sequence: the rise tracker's slots, taken at
                    // a scan's end, then hold each sensor at the same age.
                    _nextThermistor = 0;
                    break;
                }

                _nextThermistor = i;
            }

            if (_invalidThermistors == 0 && _reportedAllValid)
                return scanCompleted;

            int failed = -1;
            int atRail = -1;
            for (int k = 0; k < count; k++)
            {
                if (validity[k])
                    continue;
                if (_thermistorFailed[k])
                {
                    if (failed < 0)
                        failed = k;
                }
                else if (atRail < 0)
                {
                    atRail = k;
                }
            }

            sample.FailedThermistorIndex = failed;
            sample.RailThermistorIndex = atRail;
            sample.TemperaturesValid = failed < 0 && atRail < 0;
            _reportedAllValid = sample.TemperaturesValid;
            return scanCompleted;
        }
    }
}
