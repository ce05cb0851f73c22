namespace nanoFramework.BMS.Estimation
{
    /// <summary>
    /// An extended Kalman filter on a one-RC equivalent circuit of one cell: the state is the
    /// state of charge (0..1) and the voltage across the RC branch; the terminal voltage is
    /// OCV(soc) + R0·I + v1 (current positive while charging). Predict moves the state by the
    /// charge counted since the last step; Read and Update weigh one voltage reading against it
    /// (two calls, so no control cycle carries both).
    ///
    /// The measurement is linearised where the reading puts the cell, not where the estimate
    /// does: the reading (less R0·I and v1) is turned into a state of charge through the OCV
    /// table, and the slope there decides how much the reading is worth. So a cell whose
    /// estimate sits on LFP's plateau while its voltage says "nearly empty" is corrected at once,
    /// and a reading on the plateau counts for little however wrong the estimate is. Where the
    /// slope is below the trust slope the measurement noise grows with the fourth power of the
    /// ratio: on the plateau the filter is a coulomb counter.
    ///
    /// The cell's slow RC branch is no state here: the estimator models it from the current and
    /// takes it off with the ohmic drop (ohmicVolts). What the model's polarisation may be off
    /// by is a band the innovation must exceed before it corrects (Update).
    /// </summary>
    public sealed class CellFilter
    {
        /// <summary>Lowest slope used, V per unit: keeps the arithmetic finite at a flat point of a table.</summary>
        private const float MinSlope = 0.01f;

        public float Soc;
        public float RcVolts;

        /// <summary>Covariance of (soc, v1): P00 in soc², P01 in soc·V, P11 in V².</summary>
        public float P00;
        public float P01;
        public float P11;

        /// <summary>The last reading's innovation (measured minus predicted terminal voltage), V.</summary>
        public float Innovation;

        /// <summary>The last reading's gain on the state of charge, per volt.</summary>
        public float SocGain;

        /// <summary>The state of charge the last reading said (its voltage through the OCV table), and the OCV slope there, V per unit.</summary>
        public float Reading;
        public float Slope;

        /// <summary>Readings weighed since start-up.</summary>
        public int Corrections;

        private float _readingSum;
        private float _inverseSlopeSum;
        private int _readings;
        private float _lowestSlope;
        private float _highestSlope;

        /// <summary>The flattest and the steepest cell of the last reading of several cells, V per unit.</summary>
        public float LowestSlope;
        public float HighestSlope;

        public void Reset(float soc, float socVariance)
        {
            Soc = soc;
            RcVolts = 0f;
            P00 = socVariance;
            P01 = 0f;
            P11 = 0f;
        }

        /// <summary>
        /// One time step: charge moved (as a fraction of capacity), the RC branch decays by
        /// decay = e^(-dt/τ) towards r1·amps, and both variances grow by their process noise.
        /// </summary>
        public void Predict(float socMoved, float decay, float rcTargetVolts, float socNoise, float rcNoise)
        {
            Soc += socMoved;
            RcVolts = decay * RcVolts + (1f - decay) * rcTargetVolts;
            P00 += socNoise;
            P01 *= decay;
            P11 = decay * decay * P11 + rcNoise;
        }

        /// <summary>
        /// After three time constants at rest the RC branch has relaxed (to 5 %): its voltage is
        /// zero and known to be. Without this, at rest one reading cannot tell the state of
        /// charge from the RC voltage, and on LFP's plateau a millivolt of drift is a percent.
        /// </summary>
        public void Relax(float rcVariance)
        {
            RcVolts = 0f;
            P01 = 0f;
            P11 = rcVariance;
        }

        /// <summary>
        /// First half of a correction: turns a terminal voltage read while amps flowed into the
        /// state of charge it says (Reading) and the OCV slope there. ohmicVolts is R0·amps.
        /// </summary>
        public void Read(float volts, float ohmicVolts, OcvTable ocv)
        {
            Reading = ocv.Soc(volts - ohmicVolts - RcVolts);
            float s = ocv.Slope;
            Slope = s < MinSlope ? MinSlope : s;
        }

        /// <summary>
        /// A reading of several cells, the average cell's: each cell's voltage is turned into a
        /// state of charge on its own and the results averaged, so cells on both sides of a knee
        /// of the curve (LFP near full) average to the truth, where the OCV of their average
        /// voltage would not. The slope is the one that turns the average's noise into volts:
        /// 1/s = mean of 1/s_i.
        /// </summary>
        public void BeginReading()
        {
            _readingSum = 0f;
            _inverseSlopeSum = 0f;
            _readings = 0;
            _lowestSlope = float.MaxValue;
            _highestSlope = 0f;
        }

        public void AddReading(float volts, float ohmicVolts, OcvTable ocv)
        {
            _readingSum += ocv.Soc(volts - ohmicVolts - RcVolts);
            float s = ocv.Slope;
            if (s < MinSlope)
                s = MinSlope;
            _inverseSlopeSum += 1f / s;
            if (s < _lowestSlope)
                _lowestSlope = s;
            if (s > _highestSlope)
                _highestSlope = s;
            _readings++;
        }

        public void EndReading()
        {
            if (_readings == 0)
                return;
            Reading = _readingSum / _readings;
            Slope = _readings / _inverseSlopeSum;
            LowestSlope = _lowestSlope;
            HighestSlope = _highestSlope;
        }

        /// <summary>
        /// Second half: weighs the reading. noise is the measurement variance (V²) where the curve
        /// is steep; trustSlope the slope (V per unit) below which the variance grows.
        ///
        /// The polarisation the model takes off the reading is itself uncertain (R1, τ and the
        /// slow branch are configured or learned, never exact), and its error does not average
        /// out: it has the sign of the current for minutes. A Kalman filter fed the same small
        /// bias every second walks the estimate away, on LFP's plateau by percents an hour. So
        /// the part of the innovation within rcError of the modelled polarisation (fast branch
        /// |v1| here, slow branch slowBand already scaled) is not evidence: only the excess
        /// corrects, and a reading within the band moves neither state (the variances are
        /// updated as for any reading: the band is a bias allowed for, not lost information).
        /// The band shrinks with the polarisation: at rest it fades as the branches relax.
        /// </summary>
        public void Update(float noise, float trustSlope, float rcError, float slowBand)
        {
            float s = Slope;
            float v1 = RcVolts;
            float band = rcError * (v1 < 0f ? -v1 : v1) + slowBand;
            float y = s * (Reading - Soc);
            Innovation = y;
            if (y > band)
                y -= band;
            else if (y < -band)
                y += band;
            else
                y = 0f;

            float r = noise;
            if (s < trustSlope)
            {
                float ratio = trustSlope / s;
                ratio *= ratio;
                r *= ratio * ratio;
            }

            float p00 = P00;
            float p01 = P01;
            float p11 = P11;
            float h0 = s * p00 + p01;
            float h1 = s * p01 + p11;
            float innovationVariance = s * h0 + h1 + r;
            float k0 = h0 / innovationVariance;
            float k1 = h1 / innovationVariance;
            SocGain = k0;
            float soc = Soc + k0 * y;
            Soc = soc < -0.05f ? -0.05f : (soc > 1.05f ? 1.05f : soc);
            RcVolts += k1 * y;
            P00 = p00 - k0 * h0;
            P01 = p01 - k0 * h1;
            P11 = p11 - k1 * h1;
            Corrections++;
        }

        /// <summary>The state of charge for publishing, clamped to 0..1.</summary>
        public float Published
        {
            get { return Soc < 0f ? 0f : (Soc > 1f ? 1f : Soc); }
        }
    }
}
