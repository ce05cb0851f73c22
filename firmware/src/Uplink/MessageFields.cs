using nanoFramework.BMS.Contactor;
using nanoFramework.BMS.Uplink.Encoding;

namespace nanoFramework.BMS.Uplink
{
    /// <summary>
    /// The fields every message starts and ends with, written the same way by every composer.
    /// The keys are encoded once, when it is built, and never change: the uplink builds one and
    /// every composer on either thread writes through it.
    /// </summary>
    public sealed class MessageFields
    {
        public const int SchemaVersion = 2;

        private readonly PayloadKey _version = new PayloadKey("v");
        private readonly PayloadKey _pack = new PayloadKey("pack");
        private readonly PayloadKey _contactor = new PayloadKey("contactor");
        private readonly PayloadKey _faults = new PayloadKey("faults");

        /// <summary>"v" and "pack": the first two entries of every message.</summary>
        public void Envelope(PayloadWriter w, string packId)
        {
            w.Key(_version);
            w.Int(SchemaVersion);
            w.Key(_pack);
            w.Text(packId);
        }

        /// <summary>"contactor" and "faults": the state when the message was encoded, the last two entries.</summary>
        public void State(PayloadWriter w, ContactorState contactor, int latchedFaults)
        {
            w.Key(_contactor);
            w.Text(ContactorStateNames.Name(contactor));
            w.Key(_faults);
            w.Int(latchedFaults);
        }
    }
}
