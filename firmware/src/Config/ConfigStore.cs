using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.Config
{
    /// <summary>
    /// Two slots written alternately: a save always overwrites the older slot, so a power loss
    /// mid-write can only damage the copy being replaced, never the last good one.
    /// </summary>
    public sealed class ConfigStore
    {
        public const string SlotA = "config.a";
        public const string SlotB = "config.b";

        private readonly IStorage _storage;

        // Loads and saves encode into a buffer of their own, dropped after the call: they happen
        // at start-up and at a technician's `config save`, and 1.3 KB kept for them would be heap
        // the controller needs for nothing the rest of the time.

        // What was last saved, as the length and a CRC-32 of its content rather than a copy:
        // a changed record that keeps both has a chance of 1 in 2^32, and then only a save is
        // skipped (the console says "config unchanged", so the technician sees it).
        private int _lastSavedLength = -1;
        private uint _lastSavedCrc;
        private bool _lastSlotWasA;

        public ConfigStore(IStorage storage)
        {
            _storage = storage;
        }

        /// <summary>Slot writes so far (to show that unchanged saves do not wear the flash).</summary>
        public int Writes;

        /// <summary>
        /// Loads the newest slot that decodes and validates. Returns null when neither does;
        /// problem then names what was wrong with each; when one slot was bad but the other good,
        /// the record is returned and problem still says what was found.
        /// </summary>
        public ConfigRecord Load(out string problem)
        {
            byte[] buffer = new byte[ConfigCodec.MaxRecordBytes];
            string problemA;
            string problemB;
            ConfigRecord a = ConfigCodec.Decode(buffer, _storage.Read(SlotA, buffer), out problemA);
            ConfigRecord b = ConfigCodec.Decode(buffer, _storage.Read(SlotB, buffer), out problemB);
            bool bothMissing = problemA == "missing" && problemB == "missing";
            problem = null;
            if (bothMissing)
                return null;

            ConfigRecord newest = a;
            _lastSlotWasA = true;
            if (b != null && (a == null || b.Sequence > a.Sequence))
            {
                newest = b;
                _lastSlotWasA = false;
            }

            // A missing slot beside a good one is normal after the first save; anything else is news.
            if (a == null && problemA != "missing")
                problem = "slot A " + problemA;
            if (b == null && problemB != "missing")
                problem = (problem == null ? "" : problem + ", ") + "slot B " + problemB;
            if (newest != null)
                RememberSaved(newest, buffer);
            return newest;
        }

        /// <summary>
        /// Saves the record into the older slot, with the next sequence number, unless it is
        /// byte-for-byte what was last saved. Returns 1 when written, 0 when unchanged, -1 on failure.
        /// </summary>
        public int Save(ConfigRecord record)
        {
            byte[] buffer = new byte[ConfigCodec.MaxRecordBytes];
            int sequence = record.Sequence;
            int length = ConfigCodec.Encode(record, buffer);
            if (length < 0)
                return -1;
            if (length == _lastSavedLength && ContentCrc(buffer, length) == _lastSavedCrc)
                return 0;

            record.Sequence = sequence + 1;
            length = ConfigCodec.Encode(record, buffer);
            string slot = _lastSlotWasA ? SlotB : SlotA;
            if (!_storage.Write(slot, buffer, length))
            {
                record.Sequence = sequence;
                return -1;
            }

            Writes++;
            _lastSlotWasA = !_lastSlotWasA;
            RememberSaved(record, buffer);
            return 1;
        }

        private void RememberSaved(ConfigRecord record, byte[] buffer)
        {
            _lastSavedLength = ConfigCodec.Encode(record, buffer);
            _lastSavedCrc = ContentCrc(buffer, _lastSavedLength);
        }

        /// <summary>
        /// CRC-32 of an encoded record from its payload length on: the content without the
        /// sequence number, which a save bumps, and without the record's own CRC.
        /// </summary>
        private static uint ContentCrc(byte[] buffer, int length)
        {
            return length < ConfigCodec.PayloadOffset + 4 ? 0 : Crc32.Compute(buffer, ConfigCodec.PayloadOffset, length - 4 - ConfigCodec.PayloadOffset);
        }
    }
}
