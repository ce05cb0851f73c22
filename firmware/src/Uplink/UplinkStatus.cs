using nanoFramework.BMS.Contactor;

namespace nanoFramework.BMS.Uplink
{
    /// <summary>The counters a status message reports, gathered into one preallocated object.</summary>
    public sealed class UplinkStatus
    {
        public long TimeMs;
        public int TelemetrySequence;
        public int AlertSequence;
        public int TelemetryDropped;
        public int AlertsDropped;
        public int Queued;
        public PayloadFormat Format;
        public TelemetryMode Mode;
        public int IntervalMs;
        public int Connects;
        public int CommandsRejected;
        public string LastRejectReason;
        public ContactorState Contactor;
        public int LatchedFaults;

        /// <summary>State of charge and of health, %, when the estimator has an estimate.</summary>
        public bool HasEstimate;
        public float SocPercent;
        public float SohPercent;
    }
}
