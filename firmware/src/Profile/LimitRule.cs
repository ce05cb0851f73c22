namespace nanoFramework.BMS.Profile
{
    /// <summary>
    /// One row of a pack profile's limit table: trips when the quantity is beyond TripValue for
    /// DebounceMs of consecutive fresh samples; the condition is gone once it is back beyond
    /// ClearValue. A rule whose TripValue is above its ClearValue watches an upper limit.
    /// </summary>
    public sealed class LimitRule
    {
        public readonly FaultId Fault;
        public readonly Quantity Quantity;
        public readonly float TripValue;
        public readonly float ClearValue;
        public readonly int DebounceMs;

        public LimitRule(FaultId fault, Quantity quantity, float tripValue, float clearValue, int debounceMs)
        {
            Fault = fault;
            Quantity = quantity;
            TripValue = tripValue;
            ClearValue = clearValue;
            DebounceMs = debounceMs;
        }

        public bool IsUpperLimit
        {
            get { return TripValue > ClearValue; }
        }

        public bool IsBeyondTrip(float value)
        {
            return IsUpperLimit ? value >= TripValue : value <= TripValue;
        }

        public bool IsBeyondClear(float value)
        {
            return IsUpperLimit ? value <= ClearValue : value >= ClearValue;
        }

        /// <summary>Consecutive fresh samples needed to trip at the given sample period; at least one.</summary>
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
