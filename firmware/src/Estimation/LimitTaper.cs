namespace nanoFramework.BMS.Estimation
{
    /// <summary>
    /// Lowers the safety layer's published current limits near full and empty: the charge limit
    /// falls linearly from the taper start (state of charge of the fullest cell) to the floor at
    /// 100 %, the discharge limit from its taper start (emptiest cell) to the floor at 0 %. The
    /// factors change once a second; the limits are the safety layer's present limits times them,
    /// so a fault's zero applies in the same cycle. The estimator only lowers: the voltage limits
    /// of the safety layer still stop charge and discharge where the cells are really full or empty.
    /// </summary>
    public sealed class LimitTaper
    {
        private readonly float _fullStart;
        private readonly float _emptyStart;
        private readonly float _floor;

        public float ChargeFactor = 1f;
        public float DischargeFactor = 1f;

        public LimitTaper(float fullStart, float emptyStart, float floor)
        {
            _fullStart = fullStart;
            _emptyStart = emptyStart;
            _floor = floor;
        }

        public void Update(float socMin, float socMax)
        {
            ChargeFactor = Factor((1f - socMax) / (1f - _fullStart));
            DischargeFactor = Factor(socMin / _emptyStart);
        }

        private float Factor(float fraction)
        {
            if (fraction >= 1f)
                return 1f;
            if (fraction <= 0f)
                return _floor;
            return _floor + (1f - _floor) * fraction;
        }
    }
}
