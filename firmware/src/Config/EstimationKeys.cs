using nanoFramework.BMS.Estimation;

namespace nanoFramework.BMS.Config
{
    /// <summary>The `estimation.*` configuration keys: the state estimators' tunables (docs/estimation.md), in their keys' units.</summary>
    public static class EstimationKeys
    {
        public static readonly string[] Names =
        {
            "relaxation_s", "rest_a", "voltage_noise_mv", "soc_drift_pct_per_h", "rc_noise_mv", "trust_slope_mv_per_pct",
            "r0_mohm", "r1_mohm", "tau_s", "offset_limit_a", "step_a", "capacity_span_pct", "save_s",
            "taper_full_pct", "taper_empty_pct", "limit_floor_pct", "r2_mohm", "tau2_s", "rc_error_pct",
        };

        public static readonly string[] Units =
        {
            "s", "A", "mV", "%/h", "mV", "mV/%", "mOhm", "mOhm", "s", "A", "A", "%", "s", "%", "%", "%", "mOhm", "s", "%",
        };

        /// <summary>Seconds are whole numbers.</summary>
        public static bool IsWhole(int field)
        {
            return field == 0 || field == 8 || field == 12 || field == 17;
        }

        public static float Value(EstimationParameters e, int field)
        {
            switch (field)
            {
                case 0: return e.RelaxationSeconds;
                case 1: return e.RestAmps;
                case 2: return e.VoltageNoiseMillivolts;
                case 3: return e.SocDriftPercentPerHour;
                case 4: return e.RcNoiseMillivolts;
                case 5: return e.TrustSlopeMillivoltsPerPercent;
                case 6: return e.R0Milliohms;
                case 7: return e.R1Milliohms;
                case 8: return e.TauSeconds;
                case 9: return e.OffsetLimitAmps;
                case 10: return e.StepAmps;
                case 11: return e.CapacitySpanPercent;
                case 12: return e.SavePeriodSeconds;
                case 13: return e.TaperFullPercent;
                case 14: return e.TaperEmptyPercent;
                case 15: return e.LimitFloorPercent;
                case 16: return e.R2Milliohms;
                case 17: return e.Tau2Seconds;
                default: return e.RcErrorPercent;
            }
        }

        /// <summary>Writes a value; returns null, or what was expected. Ranges are the profile validation's.</summary>
        public static string Set(EstimationParameters e, int field, float value, bool isWhole)
        {
            if (IsWhole(field) && !isWhole)
                return "a whole number of seconds";
            int whole = (int)value;
            switch (field)
            {
                case 0: e.RelaxationSeconds = whole; break;
                case 1: e.RestAmps = value; break;
                case 2: e.VoltageNoiseMillivolts = value; break;
                case 3: e.SocDriftPercentPerHour = value; break;
                case 4: e.RcNoiseMillivolts = value; break;
                case 5: e.TrustSlopeMillivoltsPerPercent = value; break;
                case 6: e.R0Milliohms = value; break;
                case 7: e.R1Milliohms = value; break;
                case 8: e.TauSeconds = whole; break;
                case 9: e.OffsetLimitAmps = value; break;
                case 10: e.StepAmps = value; break;
                case 11: e.CapacitySpanPercent = value; break;
                case 12: e.SavePeriodSeconds = whole; break;
                case 13: e.TaperFullPercent = value; break;
                case 14: e.TaperEmptyPercent = value; break;
                case 15: e.LimitFloorPercent = value; break;
                case 16: e.R2Milliohms = value; break;
                case 17: e.Tau2Seconds = whole; break;
                default: e.RcErrorPercent = value; break;
            }

            return null;
        }
    }
}
