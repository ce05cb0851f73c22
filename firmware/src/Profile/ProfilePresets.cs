using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Estimation;

namespace nanoFramework.BMS.Profile
{
    /// <summary>
    /// Default profiles from the datasheet limits in shared/reference/cell-models.md, in foxBMS 2's
    /// three tiers. Currents scale with capacity (C-rates) so a parallel string keeps its margins.
    /// </summary>
    public static class ProfilePresets
    {
        // Debounces. Maximum-tier voltage and fast current stages react within 100 ms and
        // temperatures within 1 s at 10-100 Hz (foxBMS 2's defaults: 0.7 s, 0.2 s, 6 s).
        private const int VoltageTripMs = 50;
        private const int FastCurrentTripMs = 50;
        private const int SlowCurrentTripMs = 5000;
        private const int TemperatureTripMs = 500;
        private const int WarningMs = 1000;
        private const int AlarmMs = 500;

        private const int StuckCurrentMs = 5000;

        // GB 38031-2025 App. C: a rise of 1 °C/s for more than 3 s suggests thermal runaway.
        private const int RiseMs = 3000;

        public static PackProfile Nmc(int cells, int thermistors, float capacityAh, int sampleRateHz)
        {
            // 18650 NMC (LG HG2, Samsung 25R): charge to 4.20 V, cut-off 2.5 V, charge 0-50 °C,
            // discharge -20-60 °C here (the cell allows 75 °C: 60 keeps the pack's plastics safe),
            // 1.33 C continuous charge, 6.7 C continuous discharge.
            float c = capacityAh;
            LimitRule[] physical = Join(new LimitRule[][]
            {
                Tiers(FaultId.CellOverVoltage, Quantity.MaxCellMillivolts, 4180f, 4220f, 4250f, 50f, VoltageTripMs),
                Tiers(FaultId.CellUnderVoltage, Quantity.MinCellMillivolts, 3000f, 2800f, 2500f, 100f, VoltageTripMs),
                Tiers(FaultId.ChargeOverTemperature, Quantity.MaxCelsiusWhileCharging, 40f, 45f, 50f, 3f, TemperatureTripMs),
                Tiers(FaultId.ChargeUnderTemperature, Quantity.MinCelsiusWhileCharging, 10f, 5f, 0f, 3f, TemperatureTripMs),
                Tiers(FaultId.OverTemperature, Quantity.MaxCelsius, 50f, 55f, 60f, 3f, TemperatureTripMs),
                Tiers(FaultId.UnderTemperature, Quantity.MinCelsius, -10f, -15f, -20f, 3f, TemperatureTripMs),
                Tiers(FaultId.ChargeOverCurrent, Quantity.ChargeAmps, 1.0f * c, 1.2f * c, 1.33f * c, 0.1f * c, SlowCurrentTripMs),
                Tiers(FaultId.DischargeOverCurrent, Quantity.DischargeAmps, 5f * c, 6f * c, 6.67f * c, 0.3f * c, SlowCurrentTripMs),
                Tiers(FaultId.ThermalRunaway, Quantity.CelsiusRisePerSecond, 0.3f, 0.6f, 1.0f, 0.2f, RiseMs),
                Single(FaultId.ChargeOverCurrentFast, Quantity.ChargeAmps, 2f * c, 0.2f * c, FastCurrentTripMs),
                Single(FaultId.DischargeOverCurrentFast, Quantity.DischargeAmps, 10f * c, 0.5f * c, FastCurrentTripMs),
            });
            return Build(Chemistry.Nmc, cells, thermistors, capacityAh, sampleRateHz, physical, 1.33f * c, 6.67f * c);
        }

        public static PackProfile Lfp(int cells, int thermistors, float capacityAh, int sampleRateHz)
        {
            // LFP (A123 26650, 300 Ah prismatic): 3.65 V recommended, 3.90 V maximum (3.80 here,
            // a margin), cut-off 2.5 V; charge 0-45 °C, discharge -20-60 °C.
            float c = capacityAh;
            LimitRule[] physical = Join(new LimitRule[][]
            {
                Tiers(FaultId.CellOverVoltage, Quantity.MaxCellMillivolts, 3600f, 3650f, 3800f, 50f, VoltageTripMs),
                Tiers(FaultId.CellUnderVoltage, Quantity.MinCellMillivolts, 2800f, 2600f, 2500f, 100f, VoltageTripMs),
                Tiers(FaultId.ChargeOverTemperature, Quantity.MaxCelsiusWhileCharging, 35f, 40f, 45f, 3f, TemperatureTripMs),
                Tiers(FaultId.ChargeUnderTemperature, Quantity.MinCelsiusWhileCharging, 10f, 5f, 0f, 3f, TemperatureTripMs),
                Tiers(FaultId.OverTemperature, Quantity.MaxCelsius, 50f, 55f, 60f, 3f, TemperatureTripMs),
                Tiers(FaultId.UnderTemperature, Quantity.MinCelsius, -10f, -15f, -20f, 3f, TemperatureTripMs),
                Tiers(FaultId.ChargeOverCurrent, Quantity.ChargeAmps, 1.0f * c, 1.5f * c, 2f * c, 0.1f * c, SlowCurrentTripMs),
                Tiers(FaultId.DischargeOverCurrent, Quantity.DischargeAmps, 3f * c, 4f * c, 5f * c, 0.3f * c, SlowCurrentTripMs),
                Tiers(FaultId.ThermalRunaway, Quantity.CelsiusRisePerSecond, 0.3f, 0.6f, 1.0f, 0.2f, RiseMs),
                Single(FaultId.ChargeOverCurrentFast, Quantity.ChargeAmps, 3f * c, 0.2f * c, FastCurrentTripMs),
                Single(FaultId.DischargeOverCurrentFast, Quantity.DischargeAmps, 8f * c, 0.5f * c, FastCurrentTripMs),
            });
            return Build(Chemistry.Lfp, cells, thermistors, capacityAh, sampleRateHz, physical, 2f * c, 5f * c);
        }

        public static PackProfile For(Chemistry chemistry, int cells, int thermistors, float capacityAh, int sampleRateHz)
        {
            return chemistry == Chemistry.Lfp
                ? Lfp(cells, thermistors, capacityAh, sampleRateHz)
                : Nmc(cells, thermistors, capacityAh, sampleRateHz);
        }

        /// <summary>The sensor checks, the same for every chemistry.</summary>
        public static LimitRule[] SensorChecks(int sampleRateHz)
        {
            // "No fresh sample for 3 periods" is the stale-data limit of every input.
            int stalePeriodsMs = 3 * (1000 / (sampleRateHz < 1 ? 1 : sampleRateHz));
            return new LimitRule[]
            {
                LimitRule.SensorCheck(FaultId.CellVoltageImplausible, Quantity.CellOutOfRange, stalePeriodsMs),
                LimitRule.SensorCheck(FaultId.ThermistorImplausible, Quantity.ThermistorAtRail, stalePeriodsMs),
                LimitRule.SensorCheck(FaultId.CurrentSensorLost, Quantity.CurrentSensorFailed, stalePeriodsMs),
                // 5 s: at 10 Hz that is 50 readings, and a live shunt monitor whose step is coarser
                // than its noise repeats a reading about half the time (a 100 Ah pack's INA219
                // steps by 47 mA): 2 s, 20 readings, tripped a healthy pack within hours.
                LimitRule.SensorCheck(FaultId.CurrentSensorStuck, Quantity.CurrentStuck, StuckCurrentMs),
                LimitRule.SensorCheck(FaultId.PackVoltageMismatch, Quantity.PackVoltageMismatch, 500),
                LimitRule.SensorCheck(FaultId.CellAdcLost, Quantity.CellAdcFailed, stalePeriodsMs),
                LimitRule.SensorCheck(FaultId.ThermistorAdcLost, Quantity.ThermistorAdcFailed, stalePeriodsMs),
            };
        }

        private static LimitRule[] Tiers(FaultId fault, Quantity quantity, float operating, float recommended, float maximum, float hysteresis, int tripDebounceMs)
        {
            return new LimitRule[]
            {
                new LimitRule(fault, quantity, Tier.Operating, operating, hysteresis, WarningMs > tripDebounceMs ? WarningMs : tripDebounceMs),
                new LimitRule(fault, quantity, Tier.Recommended, recommended, hysteresis, AlarmMs > tripDebounceMs ? AlarmMs : tripDebounceMs),
                new LimitRule(fault, quantity, Tier.Maximum, maximum, hysteresis, tripDebounceMs),
            };
        }

        private static LimitRule[] Single(FaultId fault, Quantity quantity, float maximum, float hysteresis, int debounceMs)
        {
            return new LimitRule[] { new LimitRule(fault, quantity, Tier.Maximum, maximum, hysteresis, debounceMs) };
        }

        private static LimitRule[] Join(LimitRule[][] parts)
        {
            int count = 0;
            for (int i = 0; i < parts.Length; i++)
                count += parts[i].Length;
            LimitRule[] all = new LimitRule[count];
            int position = 0;
            for (int i = 0; i < parts.Length; i++)
            {
                for (int j = 0; j < parts[i].Length; j++)
                    all[position++] = parts[i][j];
            }

            return all;
        }

        private static PackProfile Build(Chemistry chemistry, int cells, int thermistors, float capacityAh, int sampleRateHz, LimitRule[] physical, float ratedChargeAmps, float ratedDischargeAmps)
        {
            PackProfile profile = new PackProfile();
            profile.Chemistry = chemistry;
            profile.CellCount = cells;
            profile.ThermistorCount = thermistors;
            profile.CapacityAh = capacityAh;
            profile.SampleRateHz = sampleRateHz;
            profile.Limits = Join(new LimitRule[][] { physical, SensorChecks(sampleRateHz) });
            profile.Safety.RatedChargeAmps = ratedChargeAmps;
            profile.Safety.RatedDischargeAmps = ratedDischargeAmps;
            profile.Estimation = EstimationParameters.Defaults(chemistry, capacityAh);
            int calibrations = cells < 0 ? 0 : cells;
            profile.CellCalibration = new ChannelCalibration[calibrations];
            for (int i = 0; i < calibrations; i++)
                profile.CellCalibration[i] = ChannelCalibration.Nominal();
            return profile;
        }
    }
}
