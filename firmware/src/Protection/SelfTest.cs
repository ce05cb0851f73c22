using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Profile;

namespace nanoFramework.BMS.Protection
{
    /// <summary>
    /// Power-on self-test: known-answer tests that feed fixed sample sequences through the real
    /// protection code (a LimitMonitor on the profile's own table, with its own latch) and check
    /// that each maximum-tier row trips exactly when its debounce completes, and that a pack
    /// inside the operating window trips nothing. Runs before the contactor may ever close.
    /// </summary>
    public sealed class SelfTest
    {
        /// <summary>
        /// Debounces are counted at 10 Hz here: the same code path, a tenth of the samples of a
        /// 100 Hz profile, so the test stays short on the interpreter.
        /// </summary>
        private const int TestPeriodMs = 100;

        private readonly PackProfile _profile;
        private readonly FaultLatch _latch = new FaultLatch();
        private readonly LimitMonitor _monitor;
        private readonly Sample _sample;
        private readonly float _normalCellMillivolts;

        public SelfTest(PackProfile profile)
        {
            _profile = profile;
            _monitor = new LimitMonitor(profile, _latch, TestPeriodMs);
            _sample = new Sample(profile.CellCount, profile.ThermistorCount);
            _normalCellMillivolts = MiddleOfOperatingWindow(profile.Limits);
        }

        /// <summary>
        /// Runs every check, writing one line per check to report (when not null). Returns null
        /// when all pass, else the name of the first failing check.
        /// </summary>
        public string Run(bool storedFaultsReadable, AsciiWriter report)
        {
            string firstFailure = null;
            bool tableValid = _profile.Validate() == null;
            Line(report, tableValid, "limit_table", tableValid ? "valid" : "invalid, see the profile");
            if (!tableValid)
                firstFailure = "limit_table";
            Line(report, storedFaultsReadable, "stored_faults", storedFaultsReadable ? "readable" : "damaged");
            if (!storedFaultsReadable && firstFailure == null)
                firstFailure = "stored_faults";
            if (!NormalPackTripsNothing(report) && firstFailure == null)
                firstFailure = "normal_window";

            LimitRule[] rules = _profile.Limits;
            for (int row = 0; row < rules.Length; row++)
            {
                if (rules[row].Tier == Tier.Maximum && !RowTripsOnTime(row, report) && firstFailure == null)
                    firstFailure = FaultNames.Name(rules[row].Fault);
            }

            return firstFailure;
        }

        private bool NormalPackTripsNothing(AsciiWriter report)
        {
            Reset();
            for (int i = 0; i < 200; i++)
                Feed();
            bool pass = !_latch.AnyLatched && _monitor.Warnings == 0 && _monitor.Alarms == 0;
            Line(report, pass, "normal_window", pass ? "20 s inside the operating window: no trip" : "tripped or warned inside the operating window");
            return pass;
        }

        private bool RowTripsOnTime(int row, AsciiWriter report)
        {
            LimitRule rule = _profile.Limits[row];
            Reset();
            Feed();
            int samples = _monitor.DebounceSamples(row);

            // Just beyond the limit, so the trip also proves the comparison's direction.
            float margin = rule.Hysteresis * 0.1f;
            float value = rule.IsUpperLimit ? rule.Limit + margin : rule.Limit - margin;
            bool early = false;
            for (int i = 1; i < samples; i++)
            {
                Drive(rule.Quantity, value);
                Feed();
                early |= _latch.AnyLatched;
            }

            Drive(rule.Quantity, value);
            Feed();
            FaultRecord record = _latch.Get(rule.Fault);
            bool pass = !early && record.Latched && _latch.LatchedCount == 1;
            if (report != null)
            {
                report.Append(pass ? "pass  " : "FAIL  ");
                report.AppendPaddedRight(FaultNames.Name(rule.Fault), 28);
                if (early)
                {
                    report.Append("tripped before its debounce");
                }
                else if (!record.Latched)
                {
                    report.Append("did not trip");
                }
                else if (_latch.LatchedCount != 1)
                {
                    report.Append("tripped other faults too");
                }
                else
                {
                    if (!QuantityUnits.IsFlag(rule.Quantity))
                    {
                        report.Append("trips at ");
                        report.AppendFixed(value, 2);
                        report.Append(' ');
                        report.Append(rule.Unit);
                        report.Append(' ');
                    }
                    else
                    {
                        report.Append("trips ");
                    }

                    report.Append("after ");
                    report.Append(samples);
                    report.Append(samples == 1 ? " sample" : " samples");
                }

                report.Append("\r\n");
            }

            return pass;
        }

        private void Reset()
        {
            _monitor.Reset();
            _latch.Reset();
            Sample s = _sample;
            s.Sequence = 0;
            s.TimeMs = 0;
            s.CellsValid = true;
            s.TemperaturesValid = true;
            s.CurrentValid = true;
            s.LinkValid = true;
            Normal();
        }

        /// <summary>A pack in the middle of every window: 25 °C, no current, cells mid-range.</summary>
        private void Normal()
        {
            Sample s = _sample;
            s.MaxCellMillivolts = _normalCellMillivolts;
            s.MinCellMillivolts = _normalCellMillivolts;
            s.CellSumMillivolts = _normalCellMillivolts * _profile.CellCount;
            s.PackMillivolts = s.CellSumMillivolts;
            s.MaxCelsius = 25f;
            s.MinCelsius = 25f;
            s.PackAmps = 0f;
            s.MaxRiseCelsiusPerSecond = 0f;
            s.ImplausibleCellIndex = -1;
            s.RailThermistorIndex = -1;
            s.FailedCellIndex = -1;
            s.FailedThermistorIndex = -1;
            s.CurrentUnchanged = false;
            s.CurrentStatus = Ports.CurrentSensorStatus.Ok;
        }

        private void Feed()
        {
            _sample.Sequence++;
            _sample.TimeMs += TestPeriodMs;
            _monitor.Evaluate(_sample);
        }

        /// <summary>Sets the sample so the quantity reads the value (the inverse of LimitMonitor's measurement).</summary>
        private void Drive(Quantity quantity, float value)
        {
            Sample s = _sample;
            float charging = _profile.Safety.ChargeDetectAmps + 0.1f;
            switch (quantity)
            {
                case Quantity.MaxCellMillivolts: s.MaxCellMillivolts = value; break;
                case Quantity.MinCellMillivolts: s.MinCellMillivolts = value; break;
                case Quantity.MaxCelsiusWhileCharging: s.MaxCelsius = value; s.PackAmps = charging; break;
                case Quantity.MinCelsiusWhileCharging: s.MinCelsius = value; s.PackAmps = charging; break;
                case Quantity.MaxCelsius: s.MaxCelsius = value; break;
                case Quantity.MinCelsius: s.MinCelsius = value; break;
                case Quantity.ChargeAmps: s.PackAmps = value; break;
                case Quantity.DischargeAmps: s.PackAmps = -value; break;
                case Quantity.CelsiusRisePerSecond: s.MaxRiseCelsiusPerSecond = value; break;
                case Quantity.CellOutOfRange: s.ImplausibleCellIndex = 0; break;
                case Quantity.ThermistorAtRail: s.RailThermistorIndex = 0; break;
                case Quantity.CurrentSensorFailed: s.CurrentValid = false; s.CurrentStatus = Ports.CurrentSensorStatus.NoAcknowledge; break;
                case Quantity.CurrentStuck: s.CurrentUnchanged = true; break;
                case Quantity.PackVoltageMismatch: s.PackMillivolts = 0f; break;
                case Quantity.CellAdcFailed: s.FailedCellIndex = 0; break;
                case Quantity.ThermistorAdcFailed: s.FailedThermistorIndex = 0; break;
            }
        }

        private static float MiddleOfOperatingWindow(LimitRule[] rules)
        {
            float high = 0f;
            float low = 0f;
            for (int i = 0; i < rules.Length; i++)
            {
                if (rules[i].Tier != Tier.Operating)
                    continue;
                if (rules[i].Quantity == Quantity.MaxCellMillivolts)
                    high = rules[i].Limit;
                else if (rules[i].Quantity == Quantity.MinCellMillivolts)
                    low = rules[i].Limit;
            }

            return (high + low) / 2f;
        }

        private static void Line(AsciiWriter report, bool pass, string check, string text)
        {
            if (report == null)
                return;
            report.Append(pass ? "pass  " : "FAIL  ");
            report.AppendPaddedRight(check, 28);
            report.Append(text);
            report.Append("\r\n");
        }
    }
}
