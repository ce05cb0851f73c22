using nanoFramework.BMS.Estimation;

namespace nanoFramework.BMS.TechConsole
{
    /// <summary>State of charge and health: two lines of `status`, and `soc` for a technician (docs/estimation.md).</summary>
    public sealed partial class ConsoleShell
    {
        /// <summary>The `status` lines: state of charge, health, energy.</summary>
        private void StatusEstimates()
        {
            StateEstimator e = _controller.Estimator;
            _out.Append("soc        ");
            if (!e.HasEstimate)
            {
                Line("no estimate yet (no valid cell reading)");
                return;
            }

            _out.AppendFixed(e.Soc * 100f, 1);
            _out.Append(" %  (cells ");
            _out.AppendFixed(e.SocMin * 100f, 1);
            _out.Append(" to ");
            _out.AppendFixed(e.SocMax * 100f, 1);
            Line(" %)");
            _out.Append("health     ");
            _out.AppendFixed(e.StateOfHealth * 100f, 1);
            _out.Append(" %  (capacity ");
            _out.AppendFixed(e.Capacity.CapacityAh, 3);
            _out.Append(" Ah, R0 ");
            _out.AppendFixed(e.ResistanceOhms * 1000f, 2);
            Line(" mOhm at 25 C)");
            RangeEstimate range = e.Range;
            _out.Append("energy     ");
            _out.AppendFixed(range.RemainingWh, 1);
            _out.Append(" Wh left");
            if (range.ToEmptySeconds >= 0)
            {
                _out.Append(", empty in ");
                AppendDuration(range.ToEmptySeconds);
            }
            else if (range.ToFullSeconds >= 0)
            {
                _out.Append(", full in ");
                AppendDuration(range.ToFullSeconds);
            }

            EndLine();
        }

        private void Soc()
        {
            if (!Words(1))
                return;
            StateEstimator e = _controller.Estimator;
            if (!e.HasEstimate)
            {
                Line("no estimate yet (no valid cell reading)");
                return;
            }

            Line("filter       soc %   sd %   v1 mV  sd mV   corr  read %  mV/%  innov mV    gain");
            FilterLine("pack", e.PackFilter);
            FilterLine("weakest", e.MinFilter);
            FilterLine("strongest", e.MaxFilter);
            _out.Append("cells        weakest cell ");
            _out.Append(e.MinCellIndex + 1);
            _out.Append(", strongest cell ");
            _out.Append(e.MaxCellIndex + 1);
            EndLine();

            CoulombCounter counter = e.Counter;
            _out.Append("current      mean ");
            _out.AppendFixed(counter.MeanAmps, 3);
            _out.Append(" A, offset ");
            _out.AppendFixed(counter.OffsetAmps * 1000f, 1);
            _out.Append(" mA (");
            _out.Append(counter.OffsetSeconds);
            Line(" s learned open)");
            _out.Append("counted      in ");
            _out.AppendFixed(counter.ChargedAh, 3);
            _out.Append(" Ah, out ");
            _out.AppendFixed(counter.DischargedAh, 3);
            _out.Append(" Ah (");
            _out.AppendFixed(counter.DischargedAh / e.Capacity.CapacityAh, 1);
            Line(" full cycles)");

            ResistanceEstimator r = e.Resistances;
            _out.Append("resistance   R0 ");
            _out.AppendFixed(r.R0 * 1000f, 2);
            _out.Append(" mOhm (x");
            _out.AppendFixed(r.Growth, 2);
            _out.Append(", ");
            _out.Append(r.R0Steps);
            _out.Append(" steps)  R1 ");
            _out.AppendFixed(r.R1 * 1000f, 2);
            _out.Append(" mOhm (");
            _out.Append(r.R1Steps);
            _out.Append(")  tau ");
            _out.AppendFixed(e.TauSeconds, 0);
            Line(" s");
            _out.Append("slow branch  v2 ");
            _out.AppendFixed(e.SlowVolts * 1000f, 2);
            _out.Append(" mV  R2 ");
            _out.AppendFixed(e.SlowOhms * 1000f, 2);
            _out.Append(" mOhm  tau2 ");
            _out.AppendFixed(e.SlowTauSeconds, 0);
            _out.Append(" s (R2 ");
            _out.Append(e.SlowMeasurements);
            Line(" measured)");

            CapacityEstimator c = e.Capacity;
            _out.Append("capacity     ");
            _out.AppendFixed(c.CapacityAh, 3);
            _out.Append(" Ah  sd ");
            _out.AppendFixed(FloatMath.Sqrt(c.Variance), 3);
            _out.Append(" Ah  soh ");
            _out.AppendFixed(c.StateOfHealth * 100f, 1);
            _out.Append(" %  ");
            _out.Append(c.Measurements);
            _out.Append(" measured");
            if (c.Measurements > 0)
            {
                _out.Append(", last ");
                _out.AppendFixed(c.LastMeasuredAh, 3);
                _out.Append(" Ah");
            }

            EndLine();
            _out.Append("anchor       ");
            if (c.HasAnchor)
            {
                _out.AppendFixed(c.AnchorSoc * 100f, 2);
                _out.Append(" %, ");
                _out.AppendFixed(c.AhSinceAnchor, 3);
                Line(" Ah counted since");
            }
            else
            {
                Line("none (a rested reading sets one)");
            }

            RestLine(e);
            _out.Append("limits       charge x");
            _out.AppendFixed(e.Taper.ChargeFactor, 2);
            _out.Append(" = ");
            _out.AppendFixed(e.ChargeLimitAmps, 2);
            _out.Append(" A, discharge x");
            _out.AppendFixed(e.Taper.DischargeFactor, 2);
            _out.Append(" = ");
            _out.AppendFixed(e.DischargeLimitAmps, 2);
            Line(" A");

            _out.Append("store        ");
            if (e.RestoreProblem == null)
            {
                _out.Append("restored ");
                _out.AppendFixed(e.RestoredSoc * 100f, 2);
                _out.Append(" % at start-up");
            }
            else
            {
                _out.Append("not restored (");
                _out.Append(e.RestoreProblem);
                _out.Append(")");
            }

            _out.Append(", saved ");
            _out.Append(e.Store.Saves);
            _out.Append(" times, ");
            _out.Append(e.Store.Failures);
            Line(" failed");
        }

        private void FilterLine(string name, CellFilter f)
        {
            _out.AppendPaddedRight(name, 10);
            float sdSoc = FloatMath.Sqrt(f.P00);
            float sdRc = FloatMath.Sqrt(f.P11);
            _out.AppendFixedPadded(f.Soc * 100f, 2, 9);
            _out.AppendFixedPadded(sdSoc * 100f, 2, 7);
            _out.AppendFixedPadded(f.RcVolts * 1000f, 2, 8);
            _out.AppendFixedPadded(sdRc * 1000f, 2, 7);
            _out.AppendFixedPadded(sdSoc > 0f && sdRc > 0f ? f.P01 / (sdSoc * sdRc) : 0f, 2, 7);
            _out.AppendFixedPadded(f.Reading * 100f, 2, 8);
            _out.AppendFixedPadded(f.Slope * 10f, 2, 6);
            _out.AppendFixedPadded(f.Innovation * 1000f, 2, 10);
            _out.AppendFixedPadded(f.SocGain, 3, 8);
            EndLine();
        }

        private void RestLine(StateEstimator e)
        {
            _out.Append("rest         ");
            RestDetector rest = e.Rest;
            if (rest.RestSeconds > 0f)
            {
                _out.AppendFixed(rest.RestSeconds, 0);
                _out.Append(" s of ");
                _out.AppendFixed(e.RelaxationSeconds, 0);
                _out.Append(" s");
            }
            else
            {
                _out.Append("current flowing");
            }

            if (e.LastRestMs < 0)
            {
                Line("; no rested reading yet");
                return;
            }

            _out.Append("; last at ");
            _out.Append(e.LastRestMs / 1000);
            _out.Append(" s: ");
            _out.AppendFixed(e.LastRestSoc * 100f, 2);
            _out.Append(" %, ");
            if (e.LastRestTrusted)
            {
                _out.Append("moved ");
                _out.AppendFixed(e.LastRestCorrection * 100f, 2);
                Line(" %");
            }
            else
            {
                Line("flat, not used");
            }
        }

        /// <summary>"2 h 05 min", "45 min", "under a minute".</summary>
        private void AppendDuration(int seconds)
        {
            int minutes = seconds / 60;
            if (minutes == 0)
            {
                _out.Append("under a minute");
                return;
            }

            if (minutes >= 60)
            {
                _out.Append(minutes / 60);
                _out.Append(" h ");
                if (minutes % 60 < 10)
                    _out.Append('0');
            }

            _out.Append(minutes % 60);
            _out.Append(" min");
        }
    }
}
