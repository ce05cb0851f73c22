namespace nanoFramework.BMS.Profile
{
    /// <summary>
    /// Stable names for fault ids. nanoFramework's Enum.ToString gives numbers, and the uplink and
    /// console need the same text on every platform.
    /// </summary>
    public static class FaultNames
    {
        public const int MaxCode = 31;

        public static string Name(FaultId id)
        {
            switch (id)
            {
                case FaultId.CellOverVoltage: return "cell_over_voltage";
                case FaultId.CellUnderVoltage: return "cell_under_voltage";
                case FaultId.OverTemperature: return "over_temperature";
                case FaultId.ChargeUnderTemperature: return "charge_under_temperature";
                case FaultId.ChargeOverCurrent: return "charge_over_current";
                case FaultId.DischargeOverCurrent: return "discharge_over_current";
                case FaultId.CurrentSensorLost: return "current_sensor_lost";
                case FaultId.CellAdcLost: return "cell_adc_lost";
                case FaultId.ThermistorAdcLost: return "thermistor_adc_lost";
                case FaultId.StoredFaultsUnreadable: return "stored_faults_unreadable";
                case FaultId.InternalError: return "internal_error";
                default: return "none";
            }
        }
    }
}
