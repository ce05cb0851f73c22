using nanoFramework.BMS.Acquisition;

namespace nanoFramework.BMS.Profile
{
    /// <summary>
    /// Default profiles from the datasheet limits in shared/reference/cell-models.md. Current limits
    /// scale with capacity (C-rates) so a parallel string keeps its margins.
    /// </summary>
    public static class ProfilePresets
    {
        public static PackProfile Nmc(int cells, int thermistors, float capacityAh, int sampleRateHz)
        {
            // 18650 NMC: charge to 4.20 V, cut-off 2.5 V, charge 0-55 °C, discharge to 75 °C.
            // Trips sit just past the datasheet maxima; the debounces give <= 100 ms for voltage
            // and current and <= 1 s for temperature at 10-100 Hz.
            return Build(Chemistry.Nmc, cells, thermistors, capacityAh, sampleRateHz, new LimitRule[]
            {
                new LimitRule(FaultId.CellOverVoltage, Quantity.MaxCellMillivolts, 4250f, 4150f, 50),
                new LimitRule(FaultId.CellUnderVoltage, Quantity.MinCellMillivolts, 2500f, 2800f, 50),
                new LimitRule(FaultId.OverTemperature, Quantity.MaxCelsius, 60f, 50f, 500),
                new LimitRule(FaultId.ChargeUnderTemperature, Quantity.MinCelsiusWhileCharging, 0f, 3f, 500),
                new LimitRule(FaultId.ChargeOverCurrent, Quantity.ChargeAmps, 1.5f * capacityAh, 1.3f * capacityAh, 100),
                new LimitRule(FaultId.DischargeOverCurrent, Quantity.DischargeAmps, 7f * capacityAh, 6f * capacityAh, 100),
                new LimitRule(FaultId.CurrentSensorLost, Quantity.CurrentSensorFailed, 1f, 0f, 30),
                new LimitRule(FaultId.CellAdcLost, Quantity.CellAdcFailed, 1f, 0f, 30),
                new LimitRule(FaultId.ThermistorAdcLost, Quantity.ThermistorAdcFailed, 1f, 0f, 30),
            });
        }

        public static PackProfile Lfp(int cells, int thermistors, float capacityAh, int sampleRateHz)
        {
            // LFP: 3.65 V recommended, 3.90 V maximum, cut-off 2.5 V; charge 0-45 °C, discharge to 60 °C.
            return Build(Chemistry.Lfp, cells, thermistors, capacityAh, sampleRateHz, new LimitRule[]
            {
                new LimitRule(FaultId.CellOverVoltage, Quantity.MaxCellMillivolts, 3750f, 3550f, 50),
                new LimitRule(FaultId.CellUnderVoltage, Quantity.MinCellMillivolts, 2500f, 2800f, 50),
                new LimitRule(FaultId.OverTemperature, Quantity.MaxCelsius, 60f, 50f, 500),
                new LimitRule(FaultId.ChargeUnderTemperature, Quantity.MinCelsiusWhileCharging, 0f, 3f, 500),
                new LimitRule(FaultId.ChargeOverCurrent, Quantity.ChargeAmps, 1.2f * capacityAh, 1.0f * capacityAh, 100),
                new LimitRule(FaultId.DischargeOverCurrent, Quantity.DischargeAmps, 3.5f * capacityAh, 3f * capacityAh, 100),
                new LimitRule(FaultId.CurrentSensorLost, Quantity.CurrentSensorFailed, 1f, 0f, 30),
                new LimitRule(FaultId.CellAdcLost, Quantity.CellAdcFailed, 1f, 0f, 30),
                new LimitRule(FaultId.ThermistorAdcLost, Quantity.ThermistorAdcFailed, 1f, 0f, 30),
            });
        }

        public static PackProfile For(Chemistry chemistry, int cells, int thermistors, float capacityAh, int sampleRateHz)
        {
            return chemistry == Chemistry.Lfp
                ? Lfp(cells, thermistors, capacityAh, sampleRateHz)
                : Nmc(cells, thermistors, capacityAh, sampleRateHz);
        }

        private static PackProfile Build(Chemistry chemistry, int cells, int thermistors, float capacityAh, int sampleRateHz, LimitRule[] limits)
        {
            PackProfile profile = new PackProfile();
            profile.Chemistry = chemistry;
            profile.CellCount = cells;
            profile.ThermistorCount = thermistors;
            profile.CapacityAh = capacityAh;
            profile.SampleRateHz = sampleRateHz;
            profile.Limits = limits;
            int calibrations = cells < 0 ? 0 : cells;
            profile.CellCalibration = new ChannelCalibration[calibrations];
            for (int i = 0; i < calibrations; i++)
                profile.CellCalibration[i] = ChannelCalibration.Nominal();
            return profile;
        }
    }
}
