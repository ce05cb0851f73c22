namespace nanoFramework.BMS.FlightRecorder
{
    /// <summary>What a flight-recorder entry records. Stored as a byte: only add.</summary>
    public enum EventKind
    {
        Restart = 1,
        FaultRaised = 2,
        FaultCleared = 3,
        ContactorChanged = 4,
        ConfigChanged = 5,
        Login = 6,
        LoginFailed = 7,
        Logout = 8,
        Calibrated = 9,
    }
}
