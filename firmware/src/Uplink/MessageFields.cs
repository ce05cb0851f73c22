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

        // The keys, one table, and each key's handle in it (PayloadKey: offset << LengthBits |
        // length). PayloadWriterTests checks that every handle spells its name.
        private const string KeyNames = "v" + "pack" + "contactor" + "faults";
        private const int KeyV = 0 << PayloadKey.LengthBits | 1;
        private const int KeyPack = 1 << PayloadKey.LengthBits | 4;
        private const int KeyContactor = 5 << PayloadKey.LengthBits | 9;
        private const int KeyFaults = 14 << PayloadKey.LengthBits | 6;

        private readonly byte[] _keys = PayloadKey.Table(KeyNames);

        /// <summary>"v" and "pack": the first two entries of every message.</summary>
        public void Envelope(PayloadWriter w, string packId)
        {
            w.Key(_keys, KeyV);
            w.Int(SchemaVersion);
            w.Key(_keys, KeyPack);
            w.Text(packId);
        }

        /// <summary>"contactor" and "faults": the state when the message was encoded, the last two entries.</summary>
        public void State(PayloadWriter w, ContactorState contactor, int latchedFaults)
        {
            w.Key(_keys, KeyContactor);
            w.Text(ContactorStateNames.Name(contactor));
            w.Key(_keys, KeyFaults);
            w.Int(latchedFaults);
        }
    }
}
