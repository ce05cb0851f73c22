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
        private readonly byte[] _buffer = new byte[ConfigCodec.MaxRecordBytes];
        private readonly byte[] _lastSaved = new byte[ConfigCodec.MaxRecordBytes];
        private int _lastSavedLength = -1;
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
            string problemA;
            string problemB;
            ConfigRecord a = ConfigCodec.Decode(_buffer, _storage.Read(SlotA, _buffer), out problemA);
            ConfigRecord b = ConfigCodec.Decode(_buffer, _storage.Read(SlotB, _buffer), out problemB);
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
                RememberSaved(newest);
            return newest;
        }

        /// <summary>
        /// Saves the record into the older slot, with the next sequence number, unless it is
        /// byte-for-byte what was last saved. Returns 1 when written, 0 when unchanged, -1 on failure.
        /// </summary>
        public int Save(ConfigRecord record)
        {
            int sequence = record.Sequence;
            int length = ConfigCodec.Encode(record, _buffer);
            if (length < 0)
                return -1;
            if (SameAsLastSaved(length))
                return 0;

            record.Sequence = sequence + 1;
            length = ConfigCodec.Encode(record, _buffer);
            string slot = _lastSlotWasA ? SlotB : SlotA;
            if (!_storage.Write(slot, _buffer, length))
            {
                record.Sequence = sequence;
                return -1;
            }

            Writes++;
            _lastSlotWasA = !_lastSlotWasA;
            RememberSaved(record);
            return 1;
        }

        /// <summary>Compares the content without the sequence number, which a save bumps.</summary>
        private bool SameAsLastSaved(int length)
        {
            if (length != _lastSavedLength)
                return false;
            for (int i = 0; i < length - 4; i++)
            {
                if (i >= 6 && i < 10)
                    continue;
                if (_buffer[i] != _lastSaved[i])
                    return false;
            }

            return true;
        }

        private void RememberSaved(ConfigRecord record)
        {
            _lastSavedLength = ConfigCodec.Encode(record, _lastSaved);
        }
    }
}
