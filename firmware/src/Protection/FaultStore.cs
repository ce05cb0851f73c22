using nanoFramework.BMS.Ports;
using nanoFramework.BMS.Profile;

namespace nanoFramework.BMS.Protection
{
    /// <summary>
    /// Keeps latched faults across a restart, so a reboot never silently closes the contactor
    /// after a trip. Written only when the set of latched faults changes, never per cycle.
    /// </summary>
    public sealed class FaultStore
    {
        public const string BlobName = "faults";
        private const byte FormatVersion = 2;
        private const int HeaderBytes = 2;
        private const int RecordBytes = 15;
        private const int ChecksumBytes = 2;

        /// <summary>
        /// Units by their stored code; only append. An instance field, not a lazily built
        /// static: that would allocate on the first trip, inside the control cycle.
        /// </summary>
        private readonly string[] _units = { "", "mV", "degC", "A", "degC/s", "ms", "flag" };

        private readonly IStorage _storage;
        private readonly byte[] _buffer;

        public FaultStore(IStorage storage, int capacity)
        {
            _storage = storage;
            _buffer = new byte[HeaderBytes + capacity * RecordBytes + ChecksumBytes];
        }

        public bool Save(FaultLatch latch)
        {
            int count = 0;
            int position = HeaderBytes;
            for (int code = 0; code < latch.Capacity; code++)
            {
                FaultRecord record = latch.At(code);
                if (!record.Latched)
                    continue;
                _buffer[position] = (byte)code;
                _buffer[position + 1] = (byte)(record.Index + 1);
                LittleEndian.WriteInt32(_buffer, position + 2, (int)(record.Value * 1000f));
                LittleEndian.WriteInt64(_buffer, position + 6, record.TimeMs);
                _buffer[position + 14] = (byte)UnitCode(record.Unit);
                position += RecordBytes;
                count++;
            }

            _buffer[0] = FormatVersion;
            _buffer[1] = (byte)count;
            int checksum = Checksum(_buffer, position);
            _buffer[position] = (byte)checksum;
            _buffer[position + 1] = (byte)(checksum >> 8);
            return _storage.Write(BlobName, _buffer, position + ChecksumBytes);
        }

        /// <summary>
        /// Re-latches stored faults with their condition still active (it must be seen gone again).
        /// Returns false when the blob exists but is damaged; the caller treats that as a fault.
        /// </summary>
        public bool Load(FaultLatch latch)
        {
            int length = _storage.Read(BlobName, _buffer);
            if (length < 0)
                return true;
            if (length < HeaderBytes + ChecksumBytes || _buffer[0] != FormatVersion)
                return false;
            int count = _buffer[1];
            int end = HeaderBytes + count * RecordBytes;
            if (end + ChecksumBytes != length)
                return false;
            int checksum = _buffer[end] | (_buffer[end + 1] << 8);
            if (checksum != Checksum(_buffer, end))
                return false;

            for (int position = HeaderBytes; position < end; position += RecordBytes)
            {
                int code = _buffer[position];
                if (code <= 0 || code >= latch.Capacity)
                    return false;
                latch.Latch((FaultId)code, LittleEndian.ReadInt32(_buffer, position + 2) / 1000f, _units[_buffer[position + 14] % _units.Length], _buffer[position + 1] - 1, LittleEndian.ReadInt64(_buffer, position + 6), null);
            }

            return true;
        }

        private int UnitCode(string unit)
        {
            for (int i = 0; i < _units.Length; i++)
            {
                if (_units[i] == unit)
                    return i;
            }

            return 0;
        }

        /// <summary>Fletcher-16: catches torn and bit-flipped blobs at a few instructions per byte.</summary>
        private static int Checksum(byte[] data, int length)
        {
            int sum1 = 0;
            int sum2 = 0;
            for (int i = 0; i < length; i++)
            {
                sum1 = (sum1 + data[i]) % 255;
                sum2 = (sum2 + sum1) % 255;
            }

            return (sum2 << 8) | sum1;
        }
    }
}
