using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Ports;
using nanoFramework.BMS.Profile;

namespace nanoFramework.BMS.Protection
{
    /// <summary>
    /// Applies the profile's limit table to each sample: debounce in consecutive fresh samples,
    /// hysteresis on the way back, a latch for maximum-tier rows, and warning and alarm states for
    /// the operating and recommended tiers.
    /// </summary>
    public sealed class LimitMonitor
    {
        private readonly LimitRule[] _rules;
        private readonly int[] _debounceSamples;
        private readonly int[] _counters;
        private readonly bool[] _active;
        private readonly FaultLatch _latch;
        private readonly float _chargeDetectAmps;
        private readonly float _packToleranceMillivolts;
        private int _warnings;
        private int _alarms;

        // Filled by Measure; fields rather than out parameters keep the per-rule cost low on the
        // interpreter, and rows of one quantity in a row reuse the measurement.
        private Quantity _measured;
        private bool _fresh;

        // False for charge-window rows while not charging: they cannot trip then, but their
        // condition is still judged on the real temperature, so stopping the charge does not
        // make an over-temperature "gone".
        private bool _canTrip;
        private float _value;
        private int _index;
        private string _detail;

        public LimitMonitor(PackProfile profile, FaultLatch latch)
            : this(profile, latch, profile.PeriodMs)
        {
        }

        /// <param name="periodMs">The sample period the debounces are counted in (the self-test uses a coarser one).</param>
        public LimitMonitor(PackProfile profile, FaultLatch latch, int periodMs)
        {
            _rules = profile.Limits;
            _latch = latch;
            _chargeDetectAmps = profile.Safety.ChargeDetectAmps;
            _packToleranceMillivolts = profile.Safety.PackVoltageToleranceMillivolts;
            _debounceSamples = new int[_rules.Length];
            _counters = new int[_rules.Length];
            _active = new bool[_rules.Length];
            for (int i = 0; i < _rules.Length; i++)
                _debounceSamples[i] = _rules[i].DebounceSamples(periodMs);
        }

        /// <summary>Samples needed to activate the row.</summary>
        public int DebounceSamples(int row)
        {
            return _debounceSamples[row];
        }

        /// <summary>Operating-tier rows active: warnings, each derating a current limit.</summary>
        public int Warnings
        {
            get { return _warnings; }
        }

        /// <summary>Recommended-tier rows active: alarms, requesting zero current.</summary>
        public int Alarms
        {
            get { return _alarms; }
        }

        public LimitRule[] Rules
        {
            get { return _rules; }
        }

        /// <summary>True while the row's tier is active (debounced and not yet back past its clear value).</summary>
        public bool IsActive(int row)
        {
            return _active[row];
        }

        /// <summary>Consecutive fresh samples beyond the limit so far for the row.</summary>
        public int Counter(int row)
        {
            return _counters[row];
        }

        /// <summary>Forgets every counter and tier state, for a self-test that reuses the monitor.</summary>
        public void Reset()
        {
            for (int i = 0; i < _rules.Length; i++)
            {
                _counters[i] = 0;
                _active[i] = false;
            }

            _warnings = 0;
            _alarms = 0;
        }

        /// <summary>Evaluates every row; returns the number of faults that were newly latched.</summary>
        public int Evaluate(Sample sample)
        {
            int newFaults = 0;
            int warnings = 0;
            int alarms = 0;
            _measured = (Quantity)(-1);
            for (int i = 0; i < _rules.Length; i++)
            {
                LimitRule rule = _rules[i];
                if (rule.Quantity != _measured)
                    Measure(rule.Quantity, sample);

                // A sample whose input failed is not fresh for the rows that read that input:
                // their counters hold, and the sensor checks count the failure instead.
                if (_fresh)
                {
                    if (_canTrip && rule.IsBeyondLimit(_value))
                    {
                        if (_counters[i] < _debounceSamples[i])
                            _counters[i]++;
                        if (_counters[i] >= _debounceSamples[i] && !_active[i])
                        {
                            _active[i] = true;
                            if (rule.Tier == Tier.Maximum && _latch.Latch(rule.Fault, _value, rule.Unit, _index, sample.TimeMs, _detail))
                                newFaults++;
                        }
                    }
                    else
                    {
                        _counters[i] = 0;
                        if (rule.IsBeyondClear(_value))
                        {
                            _active[i] = false;

                            // Also for a fault restored from storage, which this monitor never saw trip.
                            if (rule.Tier == Tier.Maximum)
                                _latch.Get(rule.Fault).ConditionActive = false;
                        }
                    }
                }

                if (_active[i])
                {
                    if (rule.Tier == Tier.Operating)
                        warnings++;
                    else if (rule.Tier == Tier.Recommended)
                        alarms++;
                }
            }

            _warnings = warnings;
            _alarms = alarms;
            return newFaults;
        }

        /// <summary>The quantity's value for the sample; false in _fresh when the input behind it failed.</summary>
        private void Measure(Quantity quantity, Sample sample)
        {
            _measured = quantity;
            _detail = null;
            _index = -1;
            _fresh = true;
            _canTrip = true;
            switch (quantity)
            {
                case Quantity.MaxCellMillivolts:
                    _value = sample.MaxCellMillivolts;
                    _index = sample.MaxCellIndex;
                    _fresh = sample.CellsValid;
                    return;
                case Quantity.MinCellMillivolts:
                    _value = sample.MinCellMillivolts;
                    _index = sample.MinCellIndex;
                    _fresh = sample.CellsValid;
                    return;
                case Quantity.MaxCelsiusWhileCharging:
                    _value = sample.MaxCelsius;
                    _index = sample.MaxCelsiusIndex;
                    _fresh = sample.TemperaturesValid && sample.CurrentValid;
                    _canTrip = sample.PackAmps > _chargeDetectAmps;
                    return;
                case Quantity.MinCelsiusWhileCharging:
                    _value = sample.MinCelsius;
                    _index = sample.MinCelsiusIndex;
                    _fresh = sample.TemperaturesValid && sample.CurrentValid;
                    _canTrip = sample.PackAmps > _chargeDetectAmps;
                    return;
                case Quantity.MaxCelsius:
                    _value = sample.MaxCelsius;
                    _index = sample.MaxCelsiusIndex;
                    _fresh = sample.TemperaturesValid;
                    return;
                case Quantity.MinCelsius:
                    _value = sample.MinCelsius;
                    _index = sample.MinCelsiusIndex;
                    _fresh = sample.TemperaturesValid;
                    return;
                case Quantity.ChargeAmps:
                    _value = sample.PackAmps > 0f ? sample.PackAmps : 0f;
                    _fresh = sample.CurrentValid;
                    return;
                case Quantity.DischargeAmps:
                    _value = sample.PackAmps < 0f ? -sample.PackAmps : 0f;
                    _fresh = sample.CurrentValid;
                    return;
                case Quantity.CelsiusRisePerSecond:
                    _value = sample.MaxRiseCelsiusPerSecond;
                    _index = sample.MaxRiseIndex;
                    return;
                case Quantity.CellOutOfRange:
                    _index = sample.ImplausibleCellIndex;
                    _value = _index >= 0 ? 1f : 0f;
                    return;
                case Quantity.ThermistorAtRail:
                    _index = sample.RailThermistorIndex;
                    _value = _index >= 0 ? 1f : 0f;
                    return;
                case Quantity.CurrentSensorFailed:
                    _value = sample.CurrentValid ? 0f : 1f;
                    _detail = CurrentSensorStatusNames.Name(sample.CurrentStatus);
                    return;
                case Quantity.CurrentStuck:
                    _value = sample.CurrentUnchanged ? 1f : 0f;
                    return;
                case Quantity.PackVoltageMismatch:
                    float difference = sample.CellSumMillivolts - sample.PackMillivolts;
                    if (difference < 0f)
                        difference = -difference;
                    _value = difference > _packToleranceMillivolts ? 1f : 0f;
                    _fresh = sample.CellsValid && sample.CurrentValid;
                    return;
                case Quantity.CellAdcFailed:
                    _index = sample.FailedCellIndex;
                    _value = _index >= 0 ? 1f : 0f;
                    return;
                case Quantity.ThermistorAdcFailed:
                    _index = sample.FailedThermistorIndex;
                    _value = _index >= 0 ? 1f : 0f;
                    return;
                default:
                    _fresh = false;
                    return;
            }
        }
    }
}
