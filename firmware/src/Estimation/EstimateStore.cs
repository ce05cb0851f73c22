using nanoFramework.BMS.Config;
using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.Estimation
{
    /// <summary>
    /// The estimates that must survive a restart (state of charge, capacity, resistances, the
    /// learned offset, the capacity anchor), as one blob: magic "BMSE", format version, the
    /// values as fixed-point 32-bit integers, CRC-32. A periodic save is spread over cycles: the
    /// header, then the values two at a time, then the CRC two bytes at a time, then the blob in
    /// one write; the save at shutdown does it all at once.
    /// </summary>
    public sealed class EstimateStore
    {
        public const string BlobName = "estimates";
        public const int FormatVersion = 1;
        private const int Magic = 0x45534D42; // "BMSE"
        private const int HeaderBytes = 8;

        // The values, by index; only append.
        public const int SocPack = 0;
        public const int SocMin = 1;
        public const int SocMax = 2;
        public const int CapacityAh = 3;
        public const int CapacityVariance = 4;
        public const int R0Ohms = 5;
        public const int R1Ohms = 6;
        public const int OffsetAmps = 7;
        public const int AnchorSoc = 8;
        public const int AnchorVariance = 9;
        public const int AhSinceAnchor = 10;
        public const int CapacityMeasurements = 11;
        public const int DischargedAh = 12;
        public const int ValueCount = 13;

        /// <summary>Values written per serialising step of a spread save, and bytes fed to the CRC per step.</summary>
        public const int ValuesPerStep = 2;
        public const int CrcBytesPerStep = 2;

        /// <summary>Serialising steps of a spread save: the header, then the values.</summary>
        public const int SerialiseSteps = 1 + (ValueCount + ValuesPerStep - 1) / ValuesPerStep;

        /// <summary>Blob length: header, values, CRC.</summary>
        public const int Bytes = HeaderBytes + ValueCount * 4 + 4;

        private const int CrcOffset = Bytes - 4;

        // Fixed-point scale of each value: 1e-6 of a unit of charge fraction, Ah, Ω, A...
        private static readonly float[] Scales =
        {
            1000000f, 1000000f, 1000000f, 100000f, 1000000f, 1000000f, 1000000f, 1000000f,
            1000000f, 100000000f, 100000f, 1f, 100f,
        };

        private readonly IStorage _storage;
        private readonly byte[] _buffer = new byte[Bytes];
        private int _crcPosition;
        private uint _crc;

        /// <summary>What to save, filled by the estimator; after a successful Load, what was saved.</summary>
        public readonly float[] Values = new float[ValueCount];

        /// <summary>Writes since start-up, and writes the storage refused.</summary>
        public int Saves;
        public int Failures;

        public EstimateStore(IStorage storage)
        {
            _storage = storage;
        }

        /// <summary>Null when the blob loaded into Values; else why not ("missing", "CRC mismatch"...).</summary>
        public string Load()
        {
            if (_storage == null)
                return "no storage";
            int length = _storage.Read(BlobName, _buffer);
            if (length < 0)
                return "missing";
            if (length != Bytes)
                return "wrong length";
            if (LittleEndian.ReadInt32(_buffer, 0) != Magic || LittleEndian.ReadInt32(_buffer, 4) != FormatVersion)
                return "not an estimates blob of format " + FormatVersion;
            if ((uint)LittleEndian.ReadInt32(_buffer, CrcOffset) != Crc32.Compute(_buffer, 0, CrcOffset))
                return "CRC mismatch";
            for (int i = 0; i < ValueCount; i++)
                Values[i] = LittleEndian.ReadInt32(_buffer, HeaderBytes + 4 * i) / Scales[i];
            return null;
        }

        /// <summary>The whole save at once (shutdown, tests): returns true when written.</summary>
        public bool SaveNow()
        {
            for (int step = 0; step < SerialiseSteps; step++)
                Serialise(step);
            _crc = Crc32.Update(Crc32.Initial, _buffer, 0, CrcOffset);
            return Write();
        }

        /// <summary>Step 0 writes the header and restarts the CRC; step k writes values 2(k-1) and 2(k-1)+1.</summary>
        public void Serialise(int step)
        {
            byte[] b = _buffer;
            if (step == 0)
            {
                LittleEndian.WriteInt32(b, 0, Magic);
                LittleEndian.WriteInt32(b, 4, FormatVersion);
                _crc = Crc32.Initial;
                _crcPosition = 0;
                return;
            }

            int first = (step - 1) * ValuesPerStep;
            int end = first + ValuesPerStep;
            if (end > ValueCount)
                end = ValueCount;
            for (int i = first; i < end; i++)
            {
                float scaled = Values[i] * Scales[i];
                LittleEndian.WriteInt32(b, HeaderBytes + 4 * i, (int)(scaled < 0f ? scaled - 0.5f : scaled + 0.5f));
            }
        }

        /// <summary>Feeds the next bytes of the serialised blob into the CRC; returns true when all are in.</summary>
        public bool ChecksumStep()
        {
            int position = _crcPosition;
            int count = CrcOffset - position < CrcBytesPerStep ? CrcOffset - position : CrcBytesPerStep;
            _crc = Crc32.Update(_crc, _buffer, position, count);
            _crcPosition = position + count;
            return _crcPosition >= CrcOffset;
        }

        /// <summary>Finishes the CRC and writes the blob; returns true when the storage took it.</summary>
        public bool Write()
        {
            LittleEndian.WriteInt32(_buffer, CrcOffset, (int)~_crc);
            if (_storage != null && _storage.Write(BlobName, _buffer, Bytes))
            {
                Saves++;
                return true;
            }

            Failures++;
            return false;
        }
    }
}
