using nanoFramework.BMS.Profile;

namespace nanoFramework.BMS.Protection
{
    /// <summary>What the firmware knew when a fault tripped: the evidence a technician needs the next morning.</summary>
    public sealed class FaultRecord
    {
        public FaultId Id;
        public bool Latched;

        /// <summary>True while the tripping condition has not gone back past its clear threshold.</summary>
        public bool ConditionActive;

        /// <summary>The measured value at the trip, in the unit of the rule's quantity.</summary>
        public float Value;

        /// <summary>Unit of Value: "mV", "degC", "A", "degC/s", "ms", "flag".</summary>
        public string Unit = "";

        /// <summary>Cell or sensor index at the trip, -1 when the fault concerns the whole pack.</summary>
        public int Index;

        public long TimeMs;

        /// <summary>Extra evidence, such as the exception type of an internal error; null when none.</summary>
        public string Detail;

        /// <summary>True once the alert for this latch went to the uplink.</summary>
        public bool Reported;
    }
}
