using nanoFramework.BMS.Contactor;
using nanoFramework.BMS.Uplink.Encoding;

namespace nanoFramework.BMS.Uplink
{
    /// <summary>The fields every message starts and ends with, written the same way by every composer.</summary>
    public static class MessageFields
    {
        public const int SchemaVersion = 2;

        /// <summary>"v" and "pack": the first two entries of every message.</summary>
        public static void Envelope(PayloadWriter w, string packId)
        {
            w.Key("v");
            w.Int(SchemaVersion);
            w.Key("pack");
            w.Text(packId);
        }

        /// <summary>"contactor" and "faults": the state when the message was encoded, the last two entries.</summary>
        public static void State(PayloadWriter w, ContactorState contactor, int latchedFaults)
        {
            w.Key("contactor");
            w.Text(ContactorStateNames.Name(contactor));
            w.Key("faults");
            w.Int(latchedFaults);
        }
    }
}
