namespace nanoFramework.BMS.Config
{
    /// <summary>What a configuration key addresses; the key's argument picks the row, cell or field.</summary>
    public enum ConfigKeyKind
    {
        PackId = 0,
        Chemistry = 1,
        Cells = 2,
        Thermistors = 3,
        CapacityAh = 4,
        SampleRateHz = 5,
        LimitValue = 6,
        LimitDebounce = 7,
        LimitHysteresis = 8,
        Safety = 9,
        CellGain = 10,
        CellOffset = 11,
        LinkGain = 12,
        LinkOffset = 13,
        CurrentOffset = 14,
        Pin = 15,
        UplinkPrefix = 16,
        UplinkDeviceId = 17,
        UplinkFormat = 18,
        UplinkMode = 19,
        UplinkTelemetryQos = 20,
        UplinkTelemetrySlots = 21,
        UplinkAlertSlots = 22,
        UplinkCommandKey = 23,
        UplinkDiscovery = 24,
        UplinkKeepAlive = 25,
        UplinkReconnectFirst = 26,
        UplinkReconnectMax = 27,
        Estimation = 28,
    }
}
