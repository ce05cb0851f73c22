namespace nanoFramework.BMS.Uplink.Commands
{
    public enum CommandKind
    {
        Unknown = 0,
        ContactorOpen = 1,
        ContactorClose = 2,
        FaultsClear = 3,
        StatusGet = 4,
        TelemetryInterval = 5,
    }
}
