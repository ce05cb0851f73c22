using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.Uplink.Commands
{
    /// <summary>
    /// The highest counter of an accepted signed command, kept in storage so a reboot cannot
    /// reopen the window for replaying old commands. Stored with its complement: a torn or
    /// flipped blob is recognised, and then signed commands are refused rather than replayable.
    /// </summary>
    public sealed class ReplayCounterStore
    {
        public const string BlobName = "cmdcounter";
        private const int BlobBytes = 16;

        private readonly IStorage _storage;
        private readonly byte[] _buffer = new byte[BlobBytes];

        public ReplayCounterStore(IStorage storage)
        {
            _storage = storage;
        }

        /// <summary>Reads the counter: 0 when none was stored yet, -1 when the blob is damaged.</summary>
        public long Load()
        {
            int length = _storage.Read(BlobName, _buffer);
            if (length < 0)
                return 0;
            if (length != BlobBytes)
                return -1;
            long value = LittleEndian.ReadInt64(_buffer, 0);
            long check = LittleEndian.ReadInt64(_buffer, 8);
            return value >= 0 && check == ~value ? value : -1;
        }

        public bool Save(long counter)
        {
            LittleEndian.WriteInt64(_buffer, 0, counter);
            LittleEndian.WriteInt64(_buffer, 8, ~counter);
            return _storage.Write(BlobName, _buffer, BlobBytes);
        }
    }
}
