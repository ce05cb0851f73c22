namespace nanoFramework.BMS.Uplink
{
    /// <summary>Encoding of telemetry and alerts on the wire. Status is always JSON (see docs/mqtt.md).</summary>
    public enum PayloadFormat
    {
        Json = 0,
        Cbor = 1,
    }
}
