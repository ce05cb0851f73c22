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
    /// <remarks>
    /// Written for the interpreter, where a cycle costs about one unit per IL instruction. A row
    /// only does something when its quantity is beyond its limit (a counter starts) or while it
    /// is busy (counting, or its tier active and waiting for the clear value); every other row
    /// keeps its state. So the monitor counts its busy rows per aggregate of the sample, and
    /// visits only the aggregates that have busy rows or that the table's QuietWindow finds
    /// outside: none in the steady state. There, each group of rows watching one quantity is
    /// measured once, passed over when none of its rows is busy and the value is inside its
    /// least severe limit, and else walked row by row with the compares inline. Warnings and
    /// alarms are counted as tiers start and end, not recounted per cycle.
    /// </remarks>
    public sealed class LimitMonitor
    {
        private readonly LimitRule[] _rules;
        private readonly LimitRows _rows;
        private readonly QuietWindow _quiet;
        private readonly int[] _counters;
        private readonly bool[] _active;

        /// <summary>Per group and per aggregate: rows counting towards their debounce or active.</summary>
        private readonly int[] _groupBusyRows;
        private readonly int[] _aggregateBusyRows = new int[SampleAggregate.Count];
        private readonly FaultLatch _latch;
        private readonly float _chargeDetectAmps;
        private readonly float _packToleranceMillivolts;

        /// <summary>Bit 1 &lt;&lt; SampleAggregate for each aggregate with busy rows.</summary>
        private int _busyAggregates;
        private int _warnings;
        private int _alarms;

        // Filled by Measure; fields rather than out parameters keep the cost low on the interpreter.
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
            _rows = new LimitRows(_rules, periodMs);
            _quiet = new QuietWindow(_rules, _packToleranceMillivolts);
            _counters = new int[_rows.Count];
            _active = new bool[_rows.Count];
            _groupBusyRows = new int[_rows.GroupCount];
        }

        /// <summary>Samples needed to activate the row.</summary>
        public int DebounceSamples(int row)
        {
            return _rows.DebounceSamples[row];
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

        /// <summary>
        /// True while the row's tier is active (debounced and not yet back past its clear value);
        /// for a maximum-tier row, while its latched fault's condition is active.
        /// </summary>
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
            for (int i = 0; i < _rows.Count; i++)
            {
                _counters[i] = 0;
                _active[i] = false;
            }

            for (int g = 0; g < _rows.GroupCount; g++)
                _groupBusyRows[g] = 0;
            for (int a = 0; a < SampleAggregate.Count; a++)
                _aggregateBusyRows[a] = 0;
            _busyAggregates = 0;
            _warnings = 0;
            _alarms = 0;
        }

        /// <summary>
        /// Takes over the faults restored from storage: each maximum-tier row whose fault is
        /// latched with its condition active becomes active, so it is watched until the quantity
        /// is back past its clear value, which is what makes the fault clearable. Call it once the
        /// latch holds the restored faults, before the first Evaluate.
        /// </summary>
        public void WatchLatchedConditions()
        {
            LimitRows rows = _rows;
            for (int g = 0; g < rows.GroupCount; g++)
            {
                int busy = 0;
                for (int k = rows.GroupStart[g]; k < rows.GroupEnd[g]; k++)
                {
                    int i = rows.RowsByGroup[k];
                    if ((Tier)rows.Tier[i] == Tier.Maximum && _latch.Get((FaultId)rows.Fault[i]).ConditionActive)
                        _active[i] = true;
                    if (_active[i] || _counters[i] > 0)
                        busy++;
                }

                CountBusy(g, busy);
            }
        }

        /// <summary>Evaluates every row; returns the number of faults that were newly latched.</summary>
        public int Evaluate(Sample sample)
        {
            // The steady state: no row counting or active, and the sample inside every row's limit.
            int due = _busyAggregates | _quiet.Outside(sample);
            if (due == 0)
                return 0;

            // Bit by bit up to the highest one due: a warning on the highest cell visits one aggregate.
            LimitRows rows = _rows;
            int newFaults = 0;
            for (int a = 0; due != 0; a++, due >>= 1)
            {
                if ((due & 1) == 0)
                    continue;
                for (int g = rows.AggregateFirstGroup[a]; g < rows.AggregateEndGroup[a]; g++)
                    newFaults += EvaluateGroup(g, sample);
            }

            return newFaults;
        }

        /// <summary>Evaluates the group's rows unless none of them can change; returns the faults newly latched.</summary>
        private int EvaluateGroup(int group, Sample sample)
        {
            LimitRows rows = _rows;
            Measure(rows.GroupQuantity[group], sample);

            // A sample whose input failed is not fresh for the rows that read that input:
            // their counters hold, and the sensor checks count the failure instead.
            if (!_fresh)
                return 0;
            float value = _value;
            bool upper = rows.GroupIsUpperLimit[group];
            if (_groupBusyRows[group] == 0)
            {
                // No row counting or active: unless one can trip now, none changes.
                float least = rows.GroupLeastSevereLimit[group];
                if (!_canTrip || (upper ? value < least : value > least))
                    return 0;
            }

            return EvaluateRows(group, value, upper, sample.TimeMs);
        }

        private int EvaluateRows(int group, float value, bool upper, long timeMs)
        {
            LimitRows rows = _rows;
            int[] counters = _counters;
            bool[] active = _active;
            int newFaults = 0;
            int busy = 0;
            int end = rows.GroupEnd[group];
            for (int k = rows.GroupStart[group]; k < end; k++)
            {
                int i = rows.RowsByGroup[k];
                float limit = rows.Limit[i];
                if (_canTrip && (upper ? value >= limit : value <= limit))
                {
                    int count = counters[i];
                    if (count < rows.DebounceSamples[i])
                        counters[i] = ++count;
                    if (count >= rows.DebounceSamples[i] && !active[i])
                        newFaults += Activate(i, value, timeMs);
                }
                else
                {
                    counters[i] = 0;

                    // A row that is not active has nothing to clear: a maximum-tier row's fault
                    // condition is active only while the row is (WatchLatchedConditions).
                    float clear = rows.ClearValue[i];
                    if (active[i] && (upper ? value <= clear : value >= clear))
                        Deactivate(i);
                }

                if (active[i] || counters[i] > 0)
                    busy++;
            }

            CountBusy(group, busy);
            return newFaults;
        }

        /// <summary>Records how many of the group's rows are busy now.</summary>
        private void CountBusy(int group, int busy)
        {
            int aggregate = _rows.GroupAggregate[group];
            int aggregateBusy = _aggregateBusyRows[aggregate] + busy - _groupBusyRows[group];
            _groupBusyRows[group] = busy;
            _aggregateBusyRows[aggregate] = aggregateBusy;
            if (aggregateBusy > 0)
                _busyAggregates |= 1 << aggregate;
            else
                _busyAggregates &= ~(1 << aggregate);
        }

        /// <summary>The row's tier starts; returns 1 when that latched a new fault.</summary>
        private int Activate(int row, float value, long timeMs)
        {
            _active[row] = true;
            Tier tier = (Tier)_rows.Tier[row];
            if (tier == Tier.Operating)
            {
                _warnings++;
            }
            else if (tier == Tier.Recommended)
            {
                _alarms++;
            }
            else
            {
                if (_latch.Latch((FaultId)_rows.Fault[row], value, _rules[row].Unit, _index, timeMs, _detail))
                    return 1;
            }

            return 0;
        }

        /// <summary>The row's tier ends: the quantity is back past its clear value.</summary>
        private void Deactivate(int row)
        {
            _active[row] = false;
            Tier tier = (Tier)_rows.Tier[row];
            if (tier == Tier.Operating)
                _warnings--;
            else if (tier == Tier.Recommended)
                _alarms--;
            else
                _latch.Get((FaultId)_rows.Fault[row]).ConditionActive = false;
        }

        /// <summary>The quantity's value for the sample; false in _fresh when the input behind it failed.</summary>
        private void Measure(Quantity quantity, Sample sample)
        {
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
