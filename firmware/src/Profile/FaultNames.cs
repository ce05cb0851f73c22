namespace nanoFramework.BMS.Profile
{
    /// <summary>
    /// Stable names for fault ids. nanoFramework's Enum.ToString gives numbers, and the uplink and
    /// console need the same text on every platform.
    /// </summary>
    public static class FaultNames
    {
        public const int MaxCode = 33;

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
                case FaultId.ChargeOverTemperature: return "charge_over_temperature";
                case FaultId.UnderTemperature: return "under_temperature";
                case FaultId.ChargeOverCurrentFast: return "charge_over_current_fast";
                case FaultId.DischargeOverCurrentFast: return "discharge_over_current_fast";
                case FaultId.ThermalRunaway: return "thermal_runaway";
                case FaultId.CurrentSensorLost: return "current_sensor_lost";
                case FaultId.CellAdcLost: return "cell_adc_lost";
                case FaultId.ThermistorAdcLost: return "thermistor_adc_lost";
                case FaultId.StoredFaultsUnreadable: return "stored_faults_unreadable";
                case FaultId.CellVoltageImplausible: return "cell_voltage_implausible";
                case FaultId.ThermistorImplausible: return "thermistor_implausible";
                case FaultId.CurrentSensorStuck: return "current_sensor_stuck";
                case FaultId.PackVoltageMismatch: return "pack_voltage_mismatch";
                case FaultId.PrechargeFailed: return "precharge_failed";
                case FaultId.ContactorWelded: return "contactor_welded";
                case FaultId.InternalError: return "internal_error";
                case FaultId.CycleOverrun: return "cycle_overrun";
                case FaultId.SelfTestFailed: return "self_test_failed";
                case FaultId.ConfigFallback: return "config_fallback";
                default: return "none";
            }
        }

        /// <summary>
        /// Faults a remote request may never clear: a person must look at the pack first
        /// (a suspected thermal runaway, a welded contactor).
        /// </summary>
        public static bool ClearsOnlyAtConsole(FaultId id)
        {
            return id == FaultId.ThermalRunaway || id == FaultId.ContactorWelded;
        }

        /// <summary>Faults the uplink marks critical: the pack may not be made safe by opening the contactor.</summary>
        public static bool IsCritical(FaultId id)
        {
            return id == FaultId.ThermalRunaway || id == FaultId.ContactorWelded;
        }
    }
}
