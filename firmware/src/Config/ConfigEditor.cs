using nanoFramework.BMS.Profile;

namespace nanoFramework.BMS.Config
{
    /// <summary>
    /// The console's view of the configuration: edits go to a pending copy, validated as a whole
    /// after every set (with the same messages as at boot) and rolled back when invalid; `save`
    /// writes the pending copy to the two-slot store, and it takes effect at the next restart,
    /// so the running protection never changes under its own feet. Calibration is the
    /// exception: it applies at once to both copies.
    /// </summary>
    public sealed class ConfigEditor
    {
        private readonly ConfigRecord _active;
        private readonly PackProfile _defaults;
        private readonly Uplink.UplinkSettings _defaultUplink;
        private readonly ConfigStore _store;
        private ConfigKeys _keys;

        // For comparing a key's running and pending values; made with the pending copy.
        private AsciiWriter _left;
        private AsciiWriter _right;

        // Made at the first change, not at start-up: a copy of the whole profile is some 3 KB
        // of heap that most controllers never need. Until then the pending configuration is the running one.
        private ConfigRecord _pending;

        public ConfigEditor(ConfigRecord active, PackProfile defaults, Uplink.UplinkSettings defaultUplink, ConfigStore store)
        {
            _active = active;
            _defaults = defaults;
            _defaultUplink = defaultUplink;
            _store = store;
        }

        /// <summary>
        /// The keys of the running limit table, built at the first `config` command and kept from
        /// then on (a command must not allocate once its paths have run: ConsoleFuzzTests). Not
        /// built at start-up: some 500 bytes that only a technician's `config` command needs, on
        /// a heap where most controllers never see one.
        /// </summary>
        public ConfigKeys Keys
        {
            get
            {
                if (_keys == null)
                    _keys = new ConfigKeys(_active.Profile);
                return _keys;
            }
        }

        public ConfigRecord Active
        {
            get { return _active; }
        }

        /// <summary>The copy changes go to; asking for it makes it (a change allocates, a read does not: see Shown).</summary>
        public ConfigRecord Pending
        {
            get
            {
                if (_pending == null)
                {
                    _pending = Copy(_active);
                    _left = new AsciiWriter(64);
                    _right = new AsciiWriter(64);
                }

                return _pending;
            }
        }

        /// <summary>What `config show` and `config get` print: the pending copy when there is one, else the running configuration.</summary>
        public ConfigRecord Shown
        {
            get { return _pending == null ? _active : _pending; }
        }

        /// <summary>Sets a key in the pending copy; returns null, or the one-line reason it was refused.</summary>
        public string Set(int key, byte[] text, int start, int length)
        {
            ConfigKeys keys = Keys;
            // A change allocates (the snapshot, the copy, new rows): it is a technician at the console, not the cycle.
            byte[] snapshot = new byte[ConfigCodec.MaxRecordBytes];
            int snapshotLength = ConfigCodec.Encode(Pending, snapshot);
            string problem = keys.Set(key, _pending, text, start, length);
            if (problem != null)
                return keys.Name(key) + " expects " + problem;
            string invalid = _pending.Validate();
            if (invalid == null)
                return null;
            string ignored;
            _pending = ConfigCodec.Decode(snapshot, snapshotLength, out ignored);
            return invalid;
        }

        /// <summary>True when the key's pending value differs from the running one.</summary>
        public bool IsPending(int key)
        {
            ConfigKeys keys = Keys;
            if (_pending == null)
                return false;
            _left.Clear();
            _right.Clear();
            keys.AppendValue(key, _active, _left);
            keys.AppendValue(key, _pending, _right);
            if (_left.Length != _right.Length)
                return true;
            for (int i = 0; i < _left.Length; i++)
            {
                if (_left.Buffer[i] != _right.Buffer[i])
                    return true;
            }

            return false;
        }

        /// <summary>1 written, 0 unchanged (nothing written, to spare the flash), -1 failed.</summary>
        public int Save()
        {
            ConfigRecord pending = Shown;
            pending.Sequence = _active.Sequence;
            int result = _store.Save(pending);
            if (result == 1)
                _active.Sequence = pending.Sequence;
            return result;
        }

        /// <summary>Puts the board's defaults into the pending copy, keeping the PIN.</summary>
        public void Reset()
        {
            ConfigRecord defaults = new ConfigRecord();
            defaults.Profile = _defaults;
            defaults.Secret = Shown.Secret;
            defaults.Uplink = _defaultUplink;
            defaults.Sequence = Shown.Sequence;
            _pending = Copy(defaults);
        }

        /// <summary>A deep copy through the record's own encoding.</summary>
        public ConfigRecord Copy(ConfigRecord record)
        {
            byte[] buffer = new byte[ConfigCodec.MaxRecordBytes];
            int length = ConfigCodec.Encode(record, buffer);
            string ignored;
            return ConfigCodec.Decode(buffer, length, out ignored);
        }
    }
}
