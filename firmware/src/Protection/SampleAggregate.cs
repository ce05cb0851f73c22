using nanoFramework.BMS.Profile;

namespace nanoFramework.BMS.Protection
{
    /// <summary>
    /// The aggregates of a sample that limit rows read: several quantities may read one (the
    /// hottest sensor is both the charge and the discharge window's), so a check against an
    /// aggregate settles all of their rows at once. Numbered for arrays; bit 1 &lt;&lt; n in masks.
    /// </summary>
    public static class SampleAggregate
    {
        public const int HighestCell = 0;
        public const int LowestCell = 1;
        public const int HottestSensor = 2;
        public const int ColdestSensor = 3;

        /// <summary>Pack current: charge and discharge.</summary>
        public const int PackCurrent = 4;
        public const int FastestRise = 5;

        /// <summary>Every sensor check (the flag quantities).</summary>
        public const int SensorChecks = 6;

        public const int Count = 7;
        public const int AllMask = (1 << Count) - 1;

        public static int Of(Quantity quantity)
        {
            switch (quantity)
            {
                case Quantity.MaxCellMillivolts:
                    return HighestCell;
                case Quantity.MinCellMillivolts:
                    return LowestCell;
                case Quantity.MaxCelsiusWhileCharging:
                case Quantity.MaxCelsius:
                    return HottestSensor;
                case Quantity.MinCelsiusWhileCharging:
                case Quantity.MinCelsius:
                    return ColdestSensor;
                case Quantity.ChargeAmps:
                case Quantity.DischargeAmps:
                    return PackCurrent;
                case Quantity.CelsiusRisePerSecond:
                    return FastestRise;
                default:
                    return SensorChecks;
            }
        }
    }
}
