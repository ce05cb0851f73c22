using nanoFramework.BMS.Profile;

namespace nanoFramework.BMS.Estimation
{
    /// <summary>
    /// The state estimators' tunables, part of the pack profile beside the limit table and
    /// validated with it. Values are kept in the units of their configuration keys
    /// (`estimation.*`, docs/configuration.md); the estimator converts them once at start-up.
    /// </summary>
    public sealed class EstimationParameters
    {
        /// <summary>Time at near-zero current after which a cell voltage is taken as its open-circuit voltage, s.</summary>
        public int RelaxationSeconds = 900;

        /// <summary>Mean |current| over a second at or below which the pack counts as resting, A.</summary>
        public float RestAmps = 0.06f;

        /// <summary>Standard deviation of a cell-voltage reading against the model (noise and model error), mV.</summary>
        public float VoltageNoiseMillivolts = 5f;

        /// <summary>How fast coulomb counting loses trust: standard deviation of the state of charge after an hour, %.</summary>
        public float SocDriftPercentPerHour = 2f;

        /// <summary>Process noise of the RC voltage: its standard deviation after a second, mV.</summary>
        public float RcNoiseMillivolts = 1f;

        /// <summary>
        /// OCV slope below which the voltage is distrusted, mV per % of charge: flatter than this
        /// the measurement noise grows with the fourth power of the ratio (LFP's plateau).
        /// </summary>
        public float TrustSlopeMillivoltsPerPercent = 5f;

        /// <summary>Series (ohmic) resistance of one cell at 25 °C until one is measured, mΩ; also the reference for health.</summary>
        public float R0Milliohms = 19.4f;

        /// <summary>Resistance of the RC branch of one cell at 25 °C until one is measured, mΩ.</summary>
        public float R1Milliohms = 14.6f;

        /// <summary>Time constant of the RC branch, s.</summary>
        public int TauSeconds = 20;

        /// <summary>
        /// Resistance of the slow RC branch (diffusion) of one cell at 25 °C, mΩ: minutes after a
        /// load it still holds the voltage off the OCV, which on LFP's plateau reads as many
        /// percent of charge. The start: a rest after a sustained current measures it (until a
        /// restart); 0 leaves the branch out.
        /// </summary>
        public float R2Milliohms = 8f;

        /// <summary>Time constant of the slow RC branch, s.</summary>
        public int Tau2Seconds = 300;

        /// <summary>
        /// How far the modelled polarisation (both RC branches) may be off, % of it: a reading
        /// within that many volts of the prediction is not used (docs/estimation.md).
        /// </summary>
        public float RcErrorPercent = 15f;

        /// <summary>Largest current-sensor offset learned while the contactor is open; a larger reading is a real current, A.</summary>
        public float OffsetLimitAmps = 0.06f;

        /// <summary>Smallest change of current between two seconds that measures the resistance, A.</summary>
        public float StepAmps = 0.75f;

        /// <summary>Two rested readings at least this far apart measure the capacity, %.</summary>
        public float CapacitySpanPercent = 50f;

        /// <summary>The estimates are saved this often (and at shutdown), s.</summary>
        public int SavePeriodSeconds = 600;

        /// <summary>Above this state of charge of the fullest cell the published charge limit tapers, %.</summary>
        public float TaperFullPercent = 90f;

        /// <summary>Below this state of charge of the emptiest cell the published discharge limit tapers, %.</summary>
        public float TaperEmptyPercent = 10f;

        /// <summary>What is left of a limit at 100 % (charge) or 0 % (discharge), % of the safety layer's limit.</summary>
        public float LimitFloorPercent = 5f;

        public const int MinRelaxationSeconds = 60;
        public const int MaxRelaxationSeconds = 14400;
        public const int MinSavePeriodSeconds = 60;
        public const int MaxSavePeriodSeconds = 86400;

        /// <summary>
        /// Defaults for a chemistry and capacity. Resistances scale inversely with capacity from
        /// the reference cells (shared/reference/cell-models.md): NMC as the LG 18650HG2 (3 Ah,
        /// R0 19.4 mΩ, R1 14.6 mΩ, τ about 20 s), LFP as an A123 26650-class cell (2.5 Ah, about
        /// 8 mΩ) with a slower RC branch. LFP relaxes more slowly, so it waits longer at rest.
        /// The slow branch is docs/simulation.md's assumption (no reference fits one): NMC 8 mΩ
        /// at 3 Ah and 300 s, LFP half of the 100 Ah set's R1 and 600 s.
        /// </summary>
        public static EstimationParameters Defaults(Chemistry chemistry, float capacityAh)
        {
            EstimationParameters p = new EstimationParameters();
            float c = capacityAh > 0f ? capacityAh : 1f;
            p.RestAmps = 0.02f * c;
            // A sensor that reads more than 2 A at zero current needs calibrating, not learning.
            p.OffsetLimitAmps = c > 100f ? 2f : 0.02f * c;
            p.StepAmps = 0.25f * c;
            if (chemistry == Chemistry.Lfp)
            {
                p.RelaxationSeconds = 1800;
                p.R0Milliohms = 20f / c;
                p.R1Milliohms = 10f / c;
                p.TauSeconds = 60;
                p.R2Milliohms = 30f / c;
                p.Tau2Seconds = 600;
            }
            else
            {
                p.RelaxationSeconds = 900;
                p.R0Milliohms = 58.2f / c;
                p.R1Milliohms = 43.8f / c;
                p.TauSeconds = 20;
                p.R2Milliohms = 24f / c;
                p.Tau2Seconds = 300;
            }

            return p;
        }

        /// <summary>Returns "" when the tunables are usable, else "; "-separated violations.</summary>
        public string Check(float capacityAh)
        {
            string errors = "";
            if (RelaxationSeconds < MinRelaxationSeconds || RelaxationSeconds > MaxRelaxationSeconds)
                errors += "; relaxation time must be " + MinRelaxationSeconds + " to " + MaxRelaxationSeconds + " s";
            if (!(RestAmps > 0f) || RestAmps > 0.2f * capacityAh)
                errors += "; rest current must be above 0 and at most 0.2 C";
            if (!(VoltageNoiseMillivolts >= 0.5f && VoltageNoiseMillivolts <= 100f))
                errors += "; voltage noise must be 0.5 to 100 mV";
            if (!(SocDriftPercentPerHour >= 0.01f && SocDriftPercentPerHour <= 50f))
                errors += "; state-of-charge drift must be 0.01 to 50 % per hour";
            if (!(RcNoiseMillivolts >= 0.01f && RcNoiseMillivolts <= 50f))
                errors += "; RC noise must be 0.01 to 50 mV";
            if (!(TrustSlopeMillivoltsPerPercent >= 0f && TrustSlopeMillivoltsPerPercent <= 50f))
                errors += "; trust slope must be 0 to 50 mV per %";
            if (!(R0Milliohms > 0f && R0Milliohms <= 1000f))
                errors += "; R0 must be above 0 and at most 1000 mOhm";
            if (!(R1Milliohms >= 0f && R1Milliohms <= 1000f))
                errors += "; R1 must be 0 to 1000 mOhm";
            if (TauSeconds < 1 || TauSeconds > 3600)
                errors += "; RC time constant must be 1 to 3600 s";
            if (!(R2Milliohms >= 0f && R2Milliohms <= 1000f))
                errors += "; R2 must be 0 to 1000 mOhm";
            if (Tau2Seconds < 1 || Tau2Seconds > MaxRelaxationSeconds)
                errors += "; slow RC time constant must be 1 to " + MaxRelaxationSeconds + " s";
            if (!(RcErrorPercent >= 0f && RcErrorPercent <= 100f))
                errors += "; RC error must be 0 to 100 %";
            if (!(OffsetLimitAmps >= 0f && OffsetLimitAmps <= 5f))
                errors += "; offset limit must be 0 to 5 A";
            if (!(StepAmps > 0f))
                errors += "; resistance step must be above 0 A";
            if (!(CapacitySpanPercent >= 20f && CapacitySpanPercent <= 95f))
                errors += "; capacity span must be 20 to 95 %";
            if (SavePeriodSeconds < MinSavePeriodSeconds || SavePeriodSeconds > MaxSavePeriodSeconds)
                errors += "; save period must be " + MinSavePeriodSeconds + " to " + MaxSavePeriodSeconds + " s";
            if (!(TaperFullPercent >= 50f && TaperFullPercent < 100f))
                errors += "; charge taper must start at 50 to 99.9 %";
            if (!(TaperEmptyPercent > 0f && TaperEmptyPercent <= 50f))
                errors += "; discharge taper must start at 0.1 to 50 %";
            if (!(LimitFloorPercent >= 0f && LimitFloorPercent <= 100f))
                errors += "; limit floor must be 0 to 100 %";
            return errors;
        }
    }
}
