using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Profile;

namespace nanoFramework.BMS.Protection
{
    /// <summary>
    /// Applies the profile's limit table to each sample: debounce in consecutive fresh samples,
    /// hysteresis between trip and clear, and a latch on trip.
    /// </summary>
    public sealed class LimitMonitor
    {
        /// <summary>Reads as "not charging" for the charge-temperature rule: far above any clear threshold.</summary>
        private const float NotChargingCelsius = 1000f;

        private readonly LimitRule[] _rules;
        private readonly int[] _debounceSamples;
        private readonly int[] _counters;
        private readonly FaultLatch _latch;
        private readonly float _chargeDetectAmps;

        // Filled by Measure for the rule being evaluated; fields rather than out parameters keep
        // the per-rule call cheap on the interpreter.
        private float _value;
        private int _index;

        public LimitMonitor(PackProfile profile, FaultLatch latch)
        {
            _rules = profile.Limits;
            _latch = latch;
            _chargeDetectAmps = profile.ChargeDetectAmps;
            _debounceSamples = new int[_rules.Length];
            _counters = new int[_rules.Length];
            for (int i = 0; i < _rules.Length; i++)
                _debounceSamples[i] = _rules[i].DebounceSamples(profile.PeriodMs);
        }

        /// <summary>Evaluates every rule; returns the number of faults that were newly latched.</summary>
        public int Evaluate(Sample sample)
        {
            int newFaults = 0;
            for (int i = 0; i < _rules.Length; i++)
            {
                LimitRule rule = _rules[i];

                // A sample whose input failed is not fresh for the rules that read that input:
                // their counters hold, and the sensor rules count the failure instead.
                if (!Measure(rule.Quantity, sample))
                    continue;

                FaultRecord record = _latch.Get(rule.Fault);
                if (rule.IsBeyondTrip(_value))
                {
                    if (_counters[i] < _debounceSamples[i])
                        _counters[i]++;
                    if (_counters[i] >= _debounceSamples[i] && _latch.Latch(rule.Fault, _value, _index, sample.TimeMs))
                        newFaults++;
                }
                else
                {
                    _counters[i] = 0;
                    if (record.ConditionActive && rule.IsBeyondClear(_value))
                        record.ConditionActive = false;
                }
            }

            return newFaults;
        }

        /// <summary>Consecutive samples beyond trip so far for the rule at this table row.</summary>
        public int Counter(int row)
        {
            return _counters[row];
        }

        private bool Measure(Quantity quantity, Sample sample)
        {
            switch (quantity)
            {
                case Quantity.MaxCellMillivolts:
                    _value = sample.MaxCellMillivolts;
                    _index = sample.MaxCellIndex;
                    return sample.CellsValid;
                case Quantity.MinCellMillivolts:
                    _value = sample.MinCellMillivolts;
                    _index = sample.MinCellIndex;
                    return sample.CellsValid;
                case Quantity.MaxCelsius:
                    _value = sample.MaxCelsius;
                    _index = sample.MaxCelsiusIndex;
                    return sample.TemperaturesValid;
                case Quantity.MinCelsiusWhileCharging:
                    _value = sample.PackAmps > _chargeDetectAmps ? sample.MinCelsius : NotChargingCelsius;
                    _index = sample.MinCelsiusIndex;
                    return sample.TemperaturesValid && sample.CurrentValid;
                case Quantity.ChargeAmps:
                    _value = sample.PackAmps > 0f ? sample.PackAmps : 0f;
                    _index = -1;
                    return sample.CurrentValid;
                case Quantity.DischargeAmps:
                    _value = sample.PackAmps < 0f ? -sample.PackAmps : 0f;
                    _index = -1;
                    return sample.CurrentValid;
                case Quantity.CurrentSensorFailed:
                    _value = sample.CurrentValid ? 0f : 1f;
                    _index = -1;
                    return true;
                case Quantity.CellAdcFailed:
                    _value = sample.CellsValid ? 0f : 1f;
                    _index = sample.FailedCellIndex;
                    return true;
                case Quantity.ThermistorAdcFailed:
                    _value = sample.TemperaturesValid ? 0f : 1f;
                    _index = sample.FailedThermistorIndex;
                    return true;
                default:
                    return false;
            }
        }
    }
}
