namespace nanoFramework.BMS.Profile
{
    /// <summary>Units, direction and index meaning of each quantity.</summary>
    public static class QuantityUnits
    {
        public static string Unit(Quantity quantity)
        {
            switch (quantity)
            {
                case Quantity.MaxCellMillivolts:
                case Quantity.MinCellMillivolts:
                    return "mV";
                case Quantity.MaxCelsiusWhileCharging:
                case Quantity.MinCelsiusWhileCharging:
                case Quantity.MaxCelsius:
                case Quantity.MinCelsius:
                    return "degC";
                case Quantity.ChargeAmps:
                case Quantity.DischargeAmps:
                    return "A";
                case Quantity.CelsiusRisePerSecond:
                    return "degC/s";
                default:
                    return "flag";
            }
        }

        /// <summary>True when the quantity trips above its limit, false when below.</summary>
        public static bool IsUpperLimit(Quantity quantity)
        {
            switch (quantity)
            {
                case Quantity.MinCellMillivolts:
                case Quantity.MinCelsiusWhileCharging:
                case Quantity.MinCelsius:
                    return false;
                default:
                    return true;
            }
        }

        /// <summary>Flags are sensor checks: they have only a maximum tier.</summary>
        public static bool IsFlag(Quantity quantity)
        {
            return quantity >= Quantity.CellOutOfRange;
        }

        /// <summary>What the index of a fault of this quantity counts: "cell", "sensor", or "" for the whole pack.</summary>
        public static string IndexKind(Quantity quantity)
        {
            switch (quantity)
            {
                case Quantity.MaxCellMillivolts:
                case Quantity.MinCellMillivolts:
                case Quantity.CellOutOfRange:
                case Quantity.CellAdcFailed:
                    return "cell";
                case Quantity.MaxCelsiusWhileCharging:
                case Quantity.MinCelsiusWhileCharging:
                case Quantity.MaxCelsius:
                case Quantity.MinCelsius:
                case Quantity.CelsiusRisePerSecond:
                case Quantity.ThermistorAtRail:
                case Quantity.ThermistorAdcFailed:
                    return "sensor";
                default:
                    return "";
            }
        }
    }
}
