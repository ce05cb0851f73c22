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
        OverTemperature = 3,
        ChargeUnderTemperature = 4,
        ChargeOverCurrent = 5,
        DischargeOverCurrent = 6,
        CurrentSensorLost = 20,
        CellAdcLost = 21,
        ThermistorAdcLost = 22,
        StoredFaultsUnreadable = 23,
        InternalError = 30,
    }
}
