namespace nanoFramework.BMS.Estimation
{
    /// <summary>
    /// State of health from capacity: the charge counted between two rested OCV readings far
    /// apart, over the state of charge between them. The first reading becomes the anchor; a
    /// later one at least the span away measures the capacity and becomes the next anchor (a
    /// closer one leaves the anchor where it is, so full, half, empty measures full to empty).
    /// Each measurement is weighed against the running value by their variances (a scalar
    /// Kalman update): the readings' uncertainty over the span, and 1 % for the current sensor's
    /// gain.
    /// </summary>
    public sealed class CapacityEstimator
    {
        /// <summary>Relative uncertainty of the counted charge (the current sensor's gain error).</summary>
        private const float GainUncertainty = 0.01f;

        private readonly float _nominalAh;

        public float CapacityAh;

        /// <summary>Variance of CapacityAh, Ah².</summary>
        public float Variance;

        public bool HasAnchor;
        public float AnchorSoc;
        public float AnchorVariance;

        /// <summary>Charge counted since the anchor, Ah (positive: in).</summary>
        public float AhSinceAnchor;

        /// <summary>Capacity measurements since the first start.</summary>
        public int Measurements;

        /// <summary>The last measurement, Ah (0 until there is one).</summary>
        public float LastMeasuredAh;

        public CapacityEstimator(float nominalAh)
        {
            _nominalAh = nominalAh;
            CapacityAh = nominalAh;
            // A fresh estimate: 10 % of nominal, one standard deviation.
            Variance = 0.01f * nominalAh * nominalAh;
        }

        public float NominalAh
        {
            get { return _nominalAh; }
        }

        /// <summary>Capacity over nominal: 1 for a new pack.</summary>
        public float StateOfHealth
        {
            get { return CapacityAh / _nominalAh; }
        }

        public void Count(float ah)
        {
            AhSinceAnchor += ah;
        }

        /// <summary>A rested reading (state of charge and its variance); returns true when it measured the capacity.</summary>
        public bool OnRestedReading(float soc, float socVariance, float span)
        {
            if (!HasAnchor)
            {
                Anchor(soc, socVariance);
                return false;
            }

            float moved = soc - AnchorSoc;
            float distance = moved < 0f ? -moved : moved;
            if (distance < span)
                return false;
            float measured = AhSinceAnchor / moved;
            // Charge in must raise the state of charge: anything else is a bad pair of readings.
            if (measured > 0.3f * _nominalAh && measured < 2f * _nominalAh)
            {
                float noise = measured * measured * ((socVariance + AnchorVariance) / (moved * moved) + GainUncertainty * GainUncertainty);
                float gain = Variance / (Variance + noise);
                CapacityAh += gain * (measured - CapacityAh);
                Variance *= 1f - gain;
                LastMeasuredAh = measured;
                Measurements++;
            }

            Anchor(soc, socVariance);
            return true;
        }

        private void Anchor(float soc, float socVariance)
        {
            HasAnchor = true;
            AnchorSoc = soc;
            AnchorVariance = socVariance;
            AhSinceAnchor = 0f;
        }

        /// <summary>The charge count is broken (a sensor gap): the anchor no longer measures anything.</summary>
        public void DropAnchor()
        {
            HasAnchor = false;
            AhSinceAnchor = 0f;
        }
    }
}
