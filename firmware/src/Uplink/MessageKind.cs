namespace nanoFramework.BMS.Uplink
{
    /// <summary>What a queued message is, which decides its topic, its QoS and whether it may be dropped.</summary>
    public static class MessageKind
    {
        public const byte Telemetry = 1;
        public const byte Alert = 2;
    }
}
