namespace nanoFramework.BMS.Profile
{
    /// <summary>
    /// Every fault the firmware can latch. The numbers are part of the uplink and storage formats:
    /// never renumber, only add.
    /// </summary>
    public enum FaultId
    {
        None = 0,
        CellOverVoltage = 1,
        CellUnderVoltage = 2,

        /// <summary>Discharge window (applies at all times) exceeded.</summary>
        OverTemperature = 3,
        ChargeUnderTemperature = 4,

        /// <summary>Slow stage: sustained charge current above the rating.</summary>
        ChargeOverCurrent = 5,

        /// <summary>Slow stage: sustained discharge current above the rating.</summary>
        DischargeOverCurrent = 6,
        ChargeOverTemperature = 7,
        UnderTemperature = 8,

        /// <summary>Fast stage: high charge current for a short time.</summary>
        ChargeOverCurrentFast = 9,

        /// <summary>Fast stage: high discharge current for a short time.</summary>
        DischargeOverCurrentFast = 10,
        ThermalRunaway = 11,
        CurrentSensorLost = 20,
        CellAdcLost = 21,
        ThermistorAdcLost = 22,
        StoredFaultsUnreadable = 23,
        CellVoltageImplausible = 24,
        ThermistorImplausible = 25,
        CurrentSensorStuck = 26,
        PackVoltageMismatch = 27,
        PrechargeFailed = 28,
        ContactorWelded = 29,
        InternalError = 30,
        CycleOverrun = 31,
        SelfTestFailed = 32,

        /// <summary>The stored configuration was damaged or invalid: an older slot or the defaults run.</summary>
        ConfigFallback = 33,
    }
}
