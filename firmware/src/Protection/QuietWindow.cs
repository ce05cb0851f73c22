using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Profile;

namespace nanoFramework.BMS.Protection
{
    /// <summary>
    /// The sample values inside which no row of a limit table is beyond its limit: for each
    /// aggregate of a sample, the least severe limit of every row that reads it, and every sensor
    /// check passing. A sample inside the window leaves an idle limit monitor exactly as it was
    /// (no counter starts, and with no tier active there is nothing to clear), which is what lets
    /// the monitor settle a steady-state cycle with a dozen compares instead of visiting each of
    /// its 36 rows (about 3,900 IL a cycle on the interpreter, against a 2,500 IL budget).
    /// Each compare below is the row's own (value >= limit above, value &lt;= limit below)
    /// against the least severe limit of its group, so a value inside the window is inside every
    /// row's limit, the maximum tier's included.
    /// </summary>
    public sealed class QuietWindow
    {
        // Upper limits trip at or above, lower limits at or below: inside is strictly below an
        // upper bound and strictly above a lower one. A quantity without rows has an infinite bound.
        private readonly float _belowMaxCellMillivolts = float.PositiveInfinity;
        private readonly float _aboveMinCellMillivolts = float.NegativeInfinity;
        private readonly float _belowMaxCelsius = float.PositiveInfinity;
        private readonly float _aboveMinCelsius = float.NegativeInfinity;
        private readonly float _belowPackAmps = float.PositiveInfinity;
        private readonly float _abovePackAmps = float.NegativeInfinity;
        private readonly float _belowRiseCelsiusPerSecond = float.PositiveInfinity;
        private readonly float _packToleranceMillivolts;

        // False when the table has a row that a sample could trip with its sensor checks passing
        // and its current at zero (a flag or current limit at or below 0): then nothing is quiet.
        private readonly bool _possible = true;

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
                            _possible = false;
                        break;
                }
            }

            // Charge current reads max(amps, 0) and discharge current max(-amps, 0): with both
            // limits above 0, both rows are inside exactly when -discharge < amps < charge.
            if (!(chargeAmps > 0f) || !(dischargeAmps > 0f))
                _possible = false;
            _belowPackAmps = chargeAmps;
            _abovePackAmps = -dischargeAmps;
        }

        /// <summary>
        /// True when no row of the table is beyond its limit for this sample. Whether an input
        /// was fresh does not matter: a row that is not beyond its limit does nothing either way.
        /// </summary>
        public bool Contains(Sample sample)
        {
            if (!_possible)
                return false;

            // The sensor checks: each reads 1 (failing) or 0.
            if (sample.FailedCellIndex >= 0 || sample.ImplausibleCellIndex >= 0
                || sample.FailedThermistorIndex >= 0 || sample.RailThermistorIndex >= 0
                || !sample.CurrentValid || sample.CurrentUnchanged)
                return false;
            float packDifference = sample.CellSumMillivolts - sample.PackMillivolts;
            if (packDifference > _packToleranceMillivolts || -packDifference > _packToleranceMillivolts)
                return false;

            float amps = sample.PackAmps;
            return sample.MaxCellMillivolts < _belowMaxCellMillivolts
                && sample.MinCellMillivolts > _aboveMinCellMillivolts
                && sample.MaxCelsius < _belowMaxCelsius
                && sample.MinCelsius > _aboveMinCelsius
                && amps < _belowPackAmps
                && amps > _abovePackAmps
                && sample.MaxRiseCelsiusPerSecond < _belowRiseCelsiusPerSecond;
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
