namespace nanoFramework.BMS.Estimation
{
    /// <summary>
    /// Coulomb counting with offset compensation. Every cycle adds the current reading (a few
    /// instructions); once a second the estimator takes the window's mean, less the learned
    /// offset. The offset is learned while the contactor is open, where the true current is
    /// zero: whatever the sensor then reads on average is its offset, unless it is more than the
    /// offset limit (then something does flow: a welded contactor, a leak) and nothing is learned.
    /// </summary>
    public sealed class CoulombCounter
    {
        /// <summary>Weight of each open second in the offset average (about a 20 s window).</summary>
        private const float OffsetWeight = 0.05f;

        private float _sum;
        private int _count;
        private bool _invalid;

        /// <summary>The window's mean current, offset removed, A; valid after Harvest.</summary>
        public float MeanAmps;

        /// <summary>The window's mean as read, before the offset came off, A.</summary>
        public float RawMeanAmps;

        /// <summary>Samples in the window; 0 when none.</summary>
        public int Samples;

        /// <summary>True when a current reading was missing in the window (sensor lost): its charge is unknown.</summary>
        public bool Gap;

        /// <summary>The learned offset, A (subtracted from every mean).</summary>
        public float OffsetAmps;

        /// <summary>Open seconds that went into the offset since start-up.</summary>
        public int OffsetSeconds;

        /// <summary>Charge counted since start-up, offset removed, Ah (positive: in).</summary>
        public float ChargedAh;
        public float DischargedAh;

        /// <summary>One cycle's reading; the control cycle's whole share of the estimators besides one step.</summary>
        public void Add(float amps, bool valid)
        {
            if (!valid)
            {
                _invalid = true;
                return;
            }

            _sum += amps;
            _count++;
        }

        /// <summary>Closes the window: its means, the charge counters, and a new window.</summary>
        public void Harvest(float seconds)
        {
            int count = _count;
            Samples = count;
            Gap = _invalid;
            RawMeanAmps = count > 0 ? _sum / count : 0f;

            MeanAmps = RawMeanAmps - OffsetAmps;
            float ah = MeanAmps * seconds / 3600f;
            if (ah > 0f)
                ChargedAh += ah;
            else
                DischargedAh -= ah;
            _sum = 0f;
            _count = 0;
            _invalid = false;
        }

        /// <summary>Learns from a window in which the contactor stayed open; returns true when the window counted.</summary>
        public bool LearnOffset(float limitAmps)
        {
            float raw = RawMeanAmps;
            if (Samples == 0 || Gap || raw > limitAmps || raw < -limitAmps)
                return false;
            // The first seconds weigh more, so a fresh board knows its offset within seconds.
            float weight = OffsetSeconds < 20 ? 1f / (OffsetSeconds + 1) : OffsetWeight;
            OffsetAmps += weight * (raw - OffsetAmps);
            OffsetSeconds++;
            return true;
        }
    }
}
