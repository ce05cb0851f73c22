namespace nanoFramework.BMS.Uplink.Commands
{
    /// <summary>The reasons in rejected acks. Part of the uplink format: the cloud may match on them.</summary>
    public static class RejectReason
    {
        public const string Malformed = "malformed";
        public const string Oversized = "oversized";
        public const string UnknownCommand = "unknown command";
        public const string MissingId = "missing id";
        public const string Unsigned = "unsigned";
        public const string MissingCounter = "missing counter";
        public const string BadSignature = "bad signature";
        public const string Replayed = "replayed counter";
        public const string NoKey = "no command key provisioned";
        public const string CounterUnreadable = "replay counter unreadable";
        public const string BadInterval = "interval must be 1000 to 60000 ms in whole seconds";
        public const string ConditionsPresent = "fault conditions still present";
    }
}
