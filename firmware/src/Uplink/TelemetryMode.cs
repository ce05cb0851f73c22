namespace nanoFramework.BMS.Uplink
{
    /// <summary>Every sample of the interval, or per channel its minimum, maximum and mean.</summary>
    public enum TelemetryMode
    {
        Samples = 0,
        Aggregate = 1,
    }
}
