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
        private readonly LogEntry _scratch = new LogEntry();
        private int _nextSequence = 1;

        public EventLog(IStorage storage)
        {
            _storage = storage;
            for (int i = 0; i < Capacity; i++)
            {
                if (Read(i, _scratch) && _scratch.Sequence >= _nextSequence)
                    _nextSequence = _scratch.Sequence + 1;
            }
        }

        /// <summary>Sequence number the next entry will get (entries are numbered from 1).</summary>
        public int NextSequence
        {
            get { return _nextSequence; }
        }

        public void Append(EventKind kind, int code, float value, int index, long timeMs, Sample snapshot, int flags)
        {
            LogEntry e = _scratch;
            e.Sequence = _nextSequence;
            e.TimeMs = timeMs;
            e.Kind = kind;
            e.Code = code;
            e.Value = value;
            e.Index = index;
            e.HasSnapshot = snapshot != null;
            if (snapshot != null)
            {
                e.CellCount = snapshot.CellMillivolts.Length;
                e.ThermistorCount = snapshot.Celsius.Length;
                for (int i = 0; i < e.CellCount; i++)
                    e.CellMillivolts[i] = (short)Telemetry.TelemetryBatch.Round(snapshot.CellMillivolts[i]);
                for (int i = 0; i < e.ThermistorCount; i++)
                    e.DeciCelsius[i] = (short)Telemetry.TelemetryBatch.Round(snapshot.Celsius[i] * 10f);
                e.Milliamps = Telemetry.TelemetryBatch.Round(snapshot.PackAmps * 1000f);
                e.PackMillivolts = Telemetry.TelemetryBatch.Round(snapshot.PackMillivolts);
                e.Flags = flags;
            }

            Encode(e);
            _storage.Write(EventLogNames.Slot[(e.Sequence - 1) % Capacity], _buffer, _buffer.Length);
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

        private void Encode(LogEntry e)
        {
            byte[] b = _buffer;
            for (int i = 0; i < b.Length; i++)
                b[i] = 0;
            b[0] = Magic;
            b[1] = (byte)e.Kind;
            LittleEndian.WriteInt32(b, 2, e.Sequence);
            LittleEndian.WriteInt64(b, 6, e.TimeMs);
            b[14] = (byte)e.Code;
            LittleEndian.WriteInt32(b, 15, (int)(e.Value * 1000f));
            b[19] = (byte)(e.Index + 1);
            b[20] = (byte)((e.HasSnapshot ? 0x80 : 0) | e.CellCount);
            b[21] = (byte)e.ThermistorCount;
            LittleEndian.WriteInt32(b, 22, e.Milliamps);
            LittleEndian.WriteInt32(b, 26, e.PackMillivolts);
            b[30] = (byte)e.Flags;
            for (int i = 0; i < 16; i++)
            {
                b[31 + 2 * i] = (byte)e.CellMillivolts[i];
                b[32 + 2 * i] = (byte)(e.CellMillivolts[i] >> 8);
            }

            for (int i = 0; i < 8; i++)
            {
                b[63 + 2 * i] = (byte)e.DeciCelsius[i];
                b[64 + 2 * i] = (byte)(e.DeciCelsius[i] >> 8);
            }

            uint crc = Crc32.Compute(b, 0, EntryBytes);
            LittleEndian.WriteInt32(b, EntryBytes, (int)crc);
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
