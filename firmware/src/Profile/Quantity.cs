namespace nanoFramework.BMS.Profile
{
    /// <summary>
    /// What a limit rule watches. Each maps to one aggregate of a sample, so a rule costs one
    /// compare per cycle. The flag quantities (sensor checks) read 1 while the check fails, else 0.
    /// </summary>
    public enum Quantity
    {
        /// <summary>Highest plausible cell voltage, mV.</summary>
        MaxCellMillivolts = 0,

        /// <summary>Lowest plausible cell voltage, mV.</summary>
        MinCellMillivolts = 1,

        /// <summary>Hottest sensor, °C, tripping only while charge current flows (the charge window).</summary>
        MaxCelsiusWhileCharging = 2,

        /// <summary>Coldest sensor, °C, tripping only while charge current flows.</summary>
        MinCelsiusWhileCharging = 3,

        /// <summary>Hottest sensor, °C (the discharge window, which applies at all times).</summary>
        MaxCelsius = 4,

        /// <summary>Coldest sensor, °C.</summary>
        MinCelsius = 5,

        /// <summary>Charge current, A (0 when discharging).</summary>
        ChargeAmps = 6,

        /// <summary>Discharge current as a positive number, A (0 when charging).</summary>
        DischargeAmps = 7,

        /// <summary>Fastest temperature rise of any sensor over the last second, °C/s.</summary>
        CelsiusRisePerSecond = 8,

        /// <summary>Flag: a cell reads outside the physical range (open or shorted tap).</summary>
        CellOutOfRange = 9,

        /// <summary>Flag: a thermistor reads at an ADC rail (open or shorted).</summary>
        ThermistorAtRail = 10,

        /// <summary>Flag: the current sensor gave no fresh reading.</summary>
        CurrentSensorFailed = 11,

        /// <summary>Flag: the current reading has not changed at all while current flows.</summary>
        CurrentStuck = 12,

        /// <summary>Flag: the sum of the cells disagrees with the measured pack voltage.</summary>
        PackVoltageMismatch = 13,

        /// <summary>Flag: a cell ADC channel failed to convert.</summary>
        CellAdcFailed = 14,

        /// <summary>Flag: a thermistor ADC channel failed to convert.</summary>
        ThermistorAdcFailed = 15,
    }
}
