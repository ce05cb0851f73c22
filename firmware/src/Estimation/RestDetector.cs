namespace nanoFramework.BMS.Estimation
{
    /// <summary>
    /// Counts how long the pack has rested: every second whose mean current and whose current at
    /// the round's instant both stayed within the rest current adds its length, any other second
    /// starts again from zero. When the
    /// relaxation time is reached the cells' voltages are their open-circuit voltages, once per
    /// rest.
    /// </summary>
    public sealed class RestDetector
    {
        /// <summary>Seconds of the present rest so far (0 while current flows).</summary>
        public float RestSeconds;

        /// <summary>True once the present rest has been long enough and its reading taken.</summary>
        public bool Relaxed;

        /// <summary>Rests that reached the relaxation time since start-up.</summary>
        public int Rests;

        /// <summary>Adds a window; returns true in the one window in which this rest becomes long enough.</summary>
        public bool Update(float meanAmps, float amps, float seconds, float restAmps, float relaxationSeconds)
        {
            if (meanAmps > restAmps || meanAmps < -restAmps || amps > restAmps || amps < -restAmps)
            {
                RestSeconds = 0f;
                Relaxed = false;
                return false;
            }

            RestSeconds += seconds;
            if (Relaxed || RestSeconds < relaxationSeconds)
                return false;
            Relaxed = true;
            Rests++;
            return true;
        }
    }
}
