using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Config;
using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.FlightRecorder
{
    /// <summary>
    /// A persistent ring of events, one blob per entry ("log.00" to "log.63"), each with its own
    /// CRC. An append writes only the entry it adds, so a power loss during the write can damage
    /// that entry alone: every completed entry survives. At start-up the highest sequence number
    /// found tells where the ring continues.
    /// </summary>
    public sealed class EventLog
    {
        public const int Capacity = 64;
        private const int EntryBytes = 80;
        private const int Magic = 0x4C;

        private readonly IStorage _storage;
        private readonly byte[] _buffer = new byte[EntryBytes + 4];
        private int _nextSequence = 1;

        public EventLog(IStorage storage)
        {
            _storage = storage;

            // An entry to read into while looking for the end of the ring, dropped afterwards:
            // an append encodes straight into the buffer and needs none.
            LogEntry scratch = new LogEntry();
            for (int i = 0; i < Capacity; i++)
            {
                if (Read(i, scratch) && scratch.Sequence >= _nextSequence)
                    _nextSequence = scratch.Sequence + 1;
            }
        }

        /// <summary>Sequence number the next entry will get (entries are numbered from 1).</summary>
        public int NextSequence
        {
            get { return _nextSequence; }
        }

        public void Append(EventKind kind, int code, float value, int index, long timeMs, Sample snapshot, int flags)
        {
            // Encoded straight into the blob's buffer (the layout Decode reads); the snapshot's
            // part stays zero without one.
            byte[] b = _buffer;
            for (int i = 0; i < b.Length; i++)
                b[i] = 0;
            b[0] = Magic;
            b[1] = (byte)kind;
            LittleEndian.WriteInt32(b, 2, _nextSequence);
            LittleEndian.WriteInt64(b, 6, timeMs);
            b[14] = (byte)code;
            LittleEndian.WriteInt32(b, 15, (int)(value * 1000f));
            b[19] = (byte)(index + 1);
            if (snapshot != null)
            {
                int cells = snapshot.CellMillivolts.Length;
                int thermistors = snapshot.Celsius.Length;
                b[20] = (byte)(0x80 | cells);
                b[21] = (byte)thermistors;
                LittleEndian.WriteInt32(b, 22, Telemetry.TelemetryBatch.Round(snapshot.PackAmps * 1000f));
                LittleEndian.WriteInt32(b, 26, Telemetry.TelemetryBatch.Round(snapshot.PackMillivolts));
                b[30] = (byte)flags;
                for (int i = 0; i < cells; i++)
                {
                    short millivolts = (short)Telemetry.TelemetryBatch.Round(snapshot.CellMillivolts[i]);
                    b[31 + 2 * i] = (byte)millivolts;
                    b[32 + 2 * i] = (byte)(millivolts >> 8);
                }

                for (int i = 0; i < thermistors; i++)
                {
                    short deciCelsius = (short)Telemetry.TelemetryBatch.Round(snapshot.Celsius[i] * 10f);
                    b[63 + 2 * i] = (byte)deciCelsius;
                    b[64 + 2 * i] = (byte)(deciCelsius >> 8);
                }
            }

            uint crc = Crc32.Compute(b, 0, EntryBytes);
            LittleEndian.WriteInt32(b, EntryBytes, (int)crc);
            _storage.Write(EventLogNames.Slot[(_nextSequence - 1) % Capacity], _buffer, _buffer.Length);
            _nextSequence++;
        }

        /// <summary>Reads the entry with the given sequence number into entry; false when it is gone or damaged.</summary>
        public bool ReadSequence(int sequence, LogEntry entry)
        {
            if (sequence < 1 || sequence >= _nextSequence || sequence < _nextSequence - Capacity)
                return false;
            return Read((sequence - 1) % Capacity, entry) && entry.Sequence == sequence;
        }

        private bool Read(int slot, LogEntry entry)
        {
            int length = _storage.Read(EventLogNames.Slot[slot], _buffer);
            if (length != _buffer.Length || _buffer[0] != Magic)
                return false;
            uint stored = (uint)(_buffer[EntryBytes] | (_buffer[EntryBytes + 1] << 8) | (_buffer[EntryBytes + 2] << 16) | (_buffer[EntryBytes + 3] << 24));
            if (stored != Crc32.Compute(_buffer, 0, EntryBytes))
                return false;
            Decode(entry);
            return true;
        }

        private void Decode(LogEntry e)
        {
            byte[] b = _buffer;
            e.Kind = (EventKind)b[1];
            e.Sequence = LittleEndian.ReadInt32(b, 2);
            e.TimeMs = LittleEndian.ReadInt64(b, 6);
            e.Code = b[14];
            e.Value = LittleEndian.ReadInt32(b, 15) / 1000f;
            e.Index = b[19] - 1;
            e.HasSnapshot = (b[20] & 0x80) != 0;
            e.CellCount = b[20] & 0x1F;
            e.ThermistorCount = b[21];
            e.Milliamps = LittleEndian.ReadInt32(b, 22);
            e.PackMillivolts = LittleEndian.ReadInt32(b, 26);
            e.Flags = b[30];
            for (int i = 0; i < 16; i++)
                e.CellMillivolts[i] = (short)(b[31 + 2 * i] | (b[32 + 2 * i] << 8));
            for (int i = 0; i < 8; i++)
                e.DeciCelsius[i] = (short)(b[63 + 2 * i] | (b[64 + 2 * i] << 8));
        }
    }
}
