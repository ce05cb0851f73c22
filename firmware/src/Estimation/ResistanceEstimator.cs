namespace nanoFramework.BMS.Estimation
{
    /// <summary>
    /// Measures the cell resistances from the pack's own current changes, kept at 25 °C. The
    /// average cell follows V = OCV + R0·I + R1·u, where u is a unit RC branch (1 Ω, the time
    /// constant τ) driven by the same current; so between two readings
    /// ΔV − ΔOCV = R0·ΔI + R1·Δu, with ΔOCV the OCV change of the charge counted in between.
    ///
    /// R0 (ohmic): when the current changes by at least the step current from one second to the
    /// next, where the RC branch has barely moved: R0 = (ΔV − ΔOCV − R1·Δu) / ΔI.
    ///
    /// R1 (RC branch): over windows of three time constants, when the unit branch moved by at
    /// least half the step current (the current changed and stayed changed long enough), where the
    /// OCV curve is not steep: R1 = (ΔV − ΔOCV − R0·ΔI) / Δu. Any current profile does; a rest
    /// after a discharge is the classic case.
    /// </summary>
    public sealed class ResistanceEstimator
    {
        /// <summary>Weight of each R0 measurement in the running value (steps are many).</summary>
        private const float R0Weight = 0.2f;

        /// <summary>
        /// R1 is measured only where every cell's curve is at most this steep, V per unit (15 mV
        /// per %): on a steep part an error of the state of charge would pass for RC voltage.
        /// </summary>
        public const float MaxR1Slope = 1.5f;

        /// <summary>...and where the steepest cell's slope is within this factor of the flattest's: cells on both sides of a knee make the average cell's OCV differ from the OCV at the average.</summary>
        public const float MaxR1SlopeRatio = 1.5f;

        /// <summary>Ohmic resistance of one cell at 25 °C, Ω.</summary>
        public float R0;

        /// <summary>RC-branch resistance of one cell at 25 °C, Ω, and its variance, Ω².</summary>
        public float R1;
        public float R1Variance;

        /// <summary>Measurements taken since start-up.</summary>
        public int R0Steps;
        public int R1Steps;

        /// <summary>A unit RC branch (R1 = 1 Ω) driven by the pack current: its voltage, V per Ω.</summary>
        public float UnitRc;

        private readonly float _nominalR0;
        private readonly float _voltageNoise;
        private readonly float _r1Drift;

        // The previous second, for R0.
        private bool _hasPrevious;
        private float _previousAmps;
        private float _previousVolts;
        private float _previousUnitRc;

        // The start of the window, for R1.
        private bool _hasWindow;
        private float _windowAmps;
        private float _windowVolts;
        private float _windowUnitRc;
        private float _windowSeconds;
        private float _windowSocMoved;
        private bool _windowSmooth;

        /// <summary>voltageNoise: variance of a voltage reading against the model, V².</summary>
        public ResistanceEstimator(float r0Ohms, float r1Ohms, float voltageNoise)
        {
            _nominalR0 = r0Ohms;
            _voltageNoise = voltageNoise;
            R0 = r0Ohms;
            R1 = r1Ohms;
            // The configured R1 is a guess for a cell type: as uncertain as it is large (and at
            // least R0), so the first measurement counts almost fully.
            float spread = r1Ohms > r0Ohms ? r1Ohms : r0Ohms;
            R1Variance = spread * spread;
            // Between windows R1 may drift by a twentieth of R0 (ageing, temperature the table misses).
            _r1Drift = 0.0025f * r0Ohms * r0Ohms;
        }

        /// <summary>Advances the unit RC branch by one window of mean current.</summary>
        public void Advance(float decay, float meanAmps)
        {
            _previousUnitRc = UnitRc;
            UnitRc = decay * UnitRc + (1f - decay) * meanAmps;
        }

        /// <summary>
        /// R0 from one second's reading: current and average cell voltage at the same instant,
        /// the resistance factor of the present temperature, the charge counted since the last
        /// reading as a fraction of capacity, and the present state of charge.
        /// </summary>
        public void ObserveStep(float amps, float volts, float temperatureFactor, float socMoved, float soc, OcvTable ocv, float stepAmps)
        {
            if (_hasPrevious)
            {
                float delta = amps - _previousAmps;
                if (delta >= stepAmps || delta <= -stepAmps)
                    MeasureR0(delta, volts - _previousVolts - OcvChange(ocv, soc, socMoved), temperatureFactor);
            }

            _hasPrevious = true;
            _previousAmps = amps;
            _previousVolts = volts;
        }

        /// <summary>
        /// R1 from the same reading, once its window of three time constants is full; smooth says
        /// whether the cells now lie on one gentle stretch of the curve (see MaxR1Slope).
        /// </summary>
        public void ObserveWindow(float amps, float volts, float temperatureFactor, float socMoved, float soc, OcvTable ocv, float seconds, float tauSeconds, float stepAmps, bool smooth)
        {
            _windowSeconds += seconds;
            _windowSocMoved += socMoved;
            if (_hasWindow && _windowSeconds < 3f * tauSeconds)
                return;
            if (_hasWindow)
            {
                float unit = UnitRc - _windowUnitRc;
                if (smooth && _windowSmooth && (unit >= 0.5f * stepAmps || unit <= -0.5f * stepAmps))
                    MeasureR1(unit, volts - _windowVolts - OcvChange(ocv, soc, _windowSocMoved) - R0 * temperatureFactor * (amps - _windowAmps), temperatureFactor);
            }

            _hasWindow = true;
            _windowAmps = amps;
            _windowVolts = volts;
            _windowUnitRc = UnitRc;
            _windowSmooth = smooth;
            _windowSeconds = 0f;
            _windowSocMoved = 0f;
        }

        private static float OcvChange(OcvTable ocv, float soc, float socMoved)
        {
            return ocv.Volts(soc) - ocv.Volts(soc - socMoved);
        }

        private void MeasureR0(float deltaAmps, float deltaVolts, float temperatureFactor)
        {
            float r = (deltaVolts - R1 * temperatureFactor * (UnitRc - _previousUnitRc)) / deltaAmps / temperatureFactor;
            // A reading far from the nominal value is a disturbance, not a resistance.
            if (r > 0.2f * _nominalR0 && r < 10f * _nominalR0)
            {
                R0 += R0Weight * (r - R0);
                R0Steps++;
            }
        }

        /// <summary>
        /// One R1 measurement, weighed against the running value by their variances (a scalar
        /// Kalman update): the measurement's is the voltage noise over the unit branch's change.
        /// </summary>
        private void MeasureR1(float deltaUnit, float deltaVolts, float temperatureFactor)
        {
            float r = deltaVolts / deltaUnit / temperatureFactor;
            if (r < 0f)
                r = 0f;
            if (!(r < 5f * _nominalR0))
                return;
            float variance = R1Variance + _r1Drift;
            float noise = 2f * _voltageNoise / (deltaUnit * deltaUnit * temperatureFactor * temperatureFactor);
            float gain = variance / (variance + noise);
            R1 += gain * (r - R1);
            R1Variance = (1f - gain) * variance;
            R1Steps++;
        }

        /// <summary>Forgets the readings before a gap in the data: nothing can be measured across it.</summary>
        public void Interrupt()
        {
            _hasPrevious = false;
            _hasWindow = false;
            _windowSeconds = 0f;
            _windowSocMoved = 0f;
        }

        /// <summary>R0 over the configured value: 1 for a new cell, rising as it ages.</summary>
        public float Growth
        {
            get { return R0 / _nominalR0; }
        }
    }
}
