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
        private readonly ConfigKeys _keys;
        private readonly byte[] _snapshot = new byte[ConfigCodec.MaxRecordBytes];
        private readonly AsciiWriter _left = new AsciiWriter(64);
        private readonly AsciiWriter _right = new AsciiWriter(64);
        private ConfigRecord _pending;

        public ConfigEditor(ConfigRecord active, PackProfile defaults, Uplink.UplinkSettings defaultUplink, ConfigStore store)
        {
            _active = active;
            _defaults = defaults;
            _defaultUplink = defaultUplink;
            _store = store;
            _keys = new ConfigKeys(active.Profile);
            _pending = Copy(active);
        }

        public ConfigKeys Keys
        {
            get { return _keys; }
        }

        public ConfigRecord Active
        {
            get { return _active; }
        }

        public ConfigRecord Pending
        {
            get { return _pending; }
        }

        /// <summary>Sets a key in the pending copy; returns null, or the one-line reason it was refused.</summary>
        public string Set(int key, byte[] text, int start, int length)
        {
            int snapshotLength = ConfigCodec.Encode(_pending, _snapshot);
            string problem = _keys.Set(key, _pending, text, start, length);
            if (problem != null)
                return _keys.Name(key) + " expects " + problem;
            string invalid = _pending.Validate();
            if (invalid == null)
                return null;
            string ignored;
            _pending = ConfigCodec.Decode(_snapshot, snapshotLength, out ignored);
            return invalid;
        }

        /// <summary>True when the key's pending value differs from the running one.</summary>
        public bool IsPending(int key)
        {
            _left.Clear();
            _right.Clear();
            _keys.AppendValue(key, _active, _left);
            _keys.AppendValue(key, _pending, _right);
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
            _pending.Sequence = _active.Sequence;
            int result = _store.Save(_pending);
            if (result == 1)
                _active.Sequence = _pending.Sequence;
            return result;
        }

        /// <summary>Puts the board's defaults into the pending copy, keeping the PIN.</summary>
        public void Reset()
        {
            ConfigRecord defaults = new ConfigRecord();
            defaults.Profile = _defaults;
            defaults.Secret = _pending.Secret;
            defaults.Uplink = _defaultUplink;
            defaults.Sequence = _pending.Sequence;
            _pending = Copy(defaults);
        }

        /// <summary>A deep copy through the record's own encoding.</summary>
        public ConfigRecord Copy(ConfigRecord record)
        {
            int length = ConfigCodec.Encode(record, _snapshot);
            string ignored;
            return ConfigCodec.Decode(_snapshot, length, out ignored);
        }
    }
}
