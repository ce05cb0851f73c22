namespace nanoFramework.BMS.Profile
{
    /// <summary>
    /// One row of a pack profile's limit table: one tier of one quantity. The row is beyond its
    /// limit when the quantity is at or past Limit; after DebounceMs of consecutive fresh samples
    /// beyond, the tier is active (a maximum-tier row latches its fault). The tier ends once the
    /// quantity is back past Limit by Hysteresis.
    /// </summary>
    public sealed class LimitRule
    {
        public readonly FaultId Fault;
        public readonly Quantity Quantity;
        public readonly Tier Tier;
        public readonly float Limit;
        public readonly float Hysteresis;
        public readonly int DebounceMs;

        public LimitRule(FaultId fault, Quantity quantity, Tier tier, float limit, float hysteresis, int debounceMs)
        {
            Fault = fault;
            Quantity = quantity;
            Tier = tier;
            Limit = limit;
            Hysteresis = hysteresis;
            DebounceMs = debounceMs;
        }

        /// <summary>
        /// True when the unsafe side is above the limit. Worked out from the quantity when asked,
        /// not kept: the running table's rows stay on the heap for good, and nothing in the
        /// control cycle asks (LimitRows keeps it per group).
        /// </summary>
        public bool IsUpperLimit
        {
            get { return QuantityUnits.IsUpperLimit(Quantity); }
        }

        /// <summary>A sensor check: a flag quantity at the maximum tier.</summary>
        public static LimitRule SensorCheck(FaultId fault, Quantity quantity, int debounceMs)
        {
            return new LimitRule(fault, quantity, Tier.Maximum, 1f, 1f, debounceMs);
        }

        /// <summary>The value the quantity must come back to before the tier ends.</summary>
        public float ClearValue
        {
            get { return IsUpperLimit ? Limit - Hysteresis : Limit + Hysteresis; }
        }

        public bool IsBeyondLimit(float value)
        {
            return IsUpperLimit ? value >= Limit : value <= Limit;
        }

        public bool IsBeyondClear(float value)
        {
            return IsUpperLimit ? value <= ClearValue : value >= ClearValue;
        }

        /// <summary>True when a is further into the unsafe side than b for this quantity.</summary>
        public bool IsBeyond(float a, float b)
        {
            return IsUpperLimit ? a > b : a < b;
        }

        /// <summary>Consecutive fresh samples needed at the given sample period; at least one.</summary>
        public int DebounceSamples(int periodMs)
        {
            int samples = (DebounceMs + periodMs - 1) / periodMs;
            return samples < 1 ? 1 : samples;
        }

        public string Unit
        {
            get { return QuantityUnits.Unit(Quantity); }
        }
    }
}
