using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Profile;

namespace nanoFramework.BMS.Protection
{
    /// <summary>
    /// For each aggregate of a sample, the values inside which no row of a limit table that reads
    /// it is beyond its limit: below the least severe of its upper limits, above the least severe
    /// of its lower ones, and for the sensor checks, every check passing. A row not beyond its
    /// limit and not busy (no debounce counting, no tier active) stays exactly as it was, so the
    /// limit monitor visits only the rows of the aggregates outside their window, and none in the
    /// steady state: a dozen compares instead of 36 rows (about 3,900 IL a cycle on the
    /// interpreter, against a 2,500 IL budget). Each compare is the rows' own (value >= limit
    /// above, value &lt;= limit below) against the least severe limit, so a value inside is
    /// inside every row's limit, the maximum tier's included.
    /// </summary>
    public sealed class QuietWindow
    {
        // Inside is strictly below an upper bound and strictly above a lower one. An aggregate
        // without rows has an infinite bound.
        private readonly float _belowMaxCellMillivolts = float.PositiveInfinity;
        private readonly float _aboveMinCellMillivolts = float.NegativeInfinity;
        private readonly float _belowMaxCelsius = float.PositiveInfinity;
        private readonly float _aboveMinCelsius = float.NegativeInfinity;
        private readonly float _belowPackAmps = float.PositiveInfinity;
        private readonly float _abovePackAmps = float.NegativeInfinity;
        private readonly float _belowRiseCelsiusPerSecond = float.PositiveInfinity;
        private readonly float _packToleranceMillivolts;

        // Aggregates with a row a sample could trip with its sensor checks passing and its
        // current at zero (a flag or current limit at or below 0): never inside.
        private readonly int _alwaysOutside;

        public QuietWindow(LimitRule[] rules, float packToleranceMillivolts)
        {
            _packToleranceMillivolts = packToleranceMillivolts;
            float chargeAmps = float.PositiveInfinity;
            float dischargeAmps = float.PositiveInfinity;
            for (int i = 0; i < rules.Length; i++)
            {
                float limit = rules[i].Limit;
                switch (rules[i].Quantity)
                {
                    case Quantity.MaxCellMillivolts:
                        _belowMaxCellMillivolts = Lower(_belowMaxCellMillivolts, limit);
                        break;
                    case Quantity.MinCellMillivolts:
                        _aboveMinCellMillivolts = Higher(_aboveMinCellMillivolts, limit);
                        break;
                    case Quantity.MaxCelsiusWhileCharging:
                    case Quantity.MaxCelsius:
                        _belowMaxCelsius = Lower(_belowMaxCelsius, limit);
                        break;
                    case Quantity.MinCelsiusWhileCharging:
                    case Quantity.MinCelsius:
                        _aboveMinCelsius = Higher(_aboveMinCelsius, limit);
                        break;
                    case Quantity.ChargeAmps:
                        chargeAmps = Lower(chargeAmps, limit);
                        break;
                    case Quantity.DischargeAmps:
                        dischargeAmps = Lower(dischargeAmps, limit);
                        break;
                    case Quantity.CelsiusRisePerSecond:
                        _belowRiseCelsiusPerSecond = Lower(_belowRiseCelsiusPerSecond, limit);
                        break;
                    default:
                        // A sensor check reads 0 while it passes, so it is quiet only below a limit above 0.
                        if (!(limit > 0f))
                            _alwaysOutside |= 1 << SampleAggregate.SensorChecks;
                        break;
                }
            }

            // Charge current reads max(amps, 0) and discharge current max(-amps, 0): with both
            // limits above 0, both rows are inside exactly when -discharge < amps < charge.
            if (!(chargeAmps > 0f) || !(dischargeAmps > 0f))
                _alwaysOutside |= 1 << SampleAggregate.PackCurrent;
            _belowPackAmps = chargeAmps;
            _abovePackAmps = -dischargeAmps;
        }

        /// <summary>
        /// The aggregates (bit 1 &lt;&lt; SampleAggregate) for which a row of the table may be
        /// beyond its limit; 0 when none is. Whether an input was fresh does not matter: a row
        /// that is not beyond its limit does nothing either way.
        /// </summary>
        public int Outside(Sample sample)
        {
            // Every compare below is written so that NaN counts as outside.
            int outside = _alwaysOutside;
            if (!(sample.MaxCellMillivolts < _belowMaxCellMillivolts))
                outside |= 1 << SampleAggregate.HighestCell;
            if (!(sample.MinCellMillivolts > _aboveMinCellMillivolts))
                outside |= 1 << SampleAggregate.LowestCell;
            if (!(sample.MaxCelsius < _belowMaxCelsius))
                outside |= 1 << SampleAggregate.HottestSensor;
            if (!(sample.MinCelsius > _aboveMinCelsius))
                outside |= 1 << SampleAggregate.ColdestSensor;
            float amps = sample.PackAmps;
            if (!(amps < _belowPackAmps) || !(amps > _abovePackAmps))
                outside |= 1 << SampleAggregate.PackCurrent;
            if (!(sample.MaxRiseCelsiusPerSecond < _belowRiseCelsiusPerSecond))
                outside |= 1 << SampleAggregate.FastestRise;

            // The sensor checks: each reads 1 (failing) or 0.
            float packDifference = sample.CellSumMillivolts - sample.PackMillivolts;
            if (sample.FailedCellIndex >= 0 || sample.ImplausibleCellIndex >= 0
                || sample.FailedThermistorIndex >= 0 || sample.RailThermistorIndex >= 0
                || !sample.CurrentValid || sample.CurrentUnchanged
                || packDifference > _packToleranceMillivolts || -packDifference > _packToleranceMillivolts)
                outside |= 1 << SampleAggregate.SensorChecks;
            return outside;
        }

        private static float Lower(float a, float b)
        {
            return b < a ? b : a;
        }

        private static float Higher(float a, float b)
        {
            return b > a ? b : a;
        }
    }
}
