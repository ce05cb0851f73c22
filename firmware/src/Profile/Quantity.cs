namespace nanoFramework.BMS.Profile
{
    /// <summary>What a limit rule watches. Each maps to one aggregate of a sample, so a rule costs one compare per cycle.</summary>
    public enum Quantity
    {
        /// <summary>Highest cell voltage, mV.</summary>
        MaxCellMillivolts = 0,

        /// <summary>Lowest cell voltage, mV.</summary>
        MinCellMillivolts = 1,

        /// <summary>Hottest thermistor, °C.</summary>
        MaxCelsius = 2,

        /// <summary>Coldest thermistor while charge current flows, °C; reads as warm when not charging.</summary>
        MinCelsiusWhileCharging = 3,

        /// <summary>Charge current, A (0 when discharging).</summary>
        ChargeAmps = 4,

        /// <summary>Discharge current as a positive number, A (0 when charging).</summary>
        DischargeAmps = 5,

        /// <summary>1 while the current sensor fails to answer, else 0.</summary>
        CurrentSensorFailed = 6,

        /// <summary>1 while any cell ADC channel fails to convert, else 0.</summary>
        CellAdcFailed = 7,

        /// <summary>1 while any thermistor ADC channel fails to convert, else 0.</summary>
        ThermistorAdcFailed = 8,
    }
}
