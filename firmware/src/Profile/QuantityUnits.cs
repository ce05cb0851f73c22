namespace nanoFramework.BMS.Profile
{
    public static class QuantityUnits
    {
        /// <summary>What the index of a fault of this quantity counts: "cell", "sensor", or "" for the whole pack.</summary>
        public static string IndexKind(Quantity quantity)
        {
            switch (quantity)
            {
                case Quantity.MaxCellMillivolts:
                case Quantity.MinCellMillivolts:
                case Quantity.CellAdcFailed:
                    return "cell";
                case Quantity.MaxCelsius:
                case Quantity.MinCelsiusWhileCharging:
                case Quantity.ThermistorAdcFailed:
                    return "sensor";
                default:
                    return "";
            }
        }

        public static string Unit(Quantity quantity)
        {
            switch (quantity)
            {
                case Quantity.MaxCellMillivolts:
                case Quantity.MinCellMillivolts:
                    return "mV";
                case Quantity.MaxCelsius:
                case Quantity.MinCelsiusWhileCharging:
                    return "degC";
                case Quantity.ChargeAmps:
                case Quantity.DischargeAmps:
                    return "A";
                default:
                    return "flag";
            }
        }
    }
}
