namespace nanoFramework.BMS.Config
{
    /// <summary>
    /// CRC-32 (IEEE 802.3, reflected, as zlib computes it), four bits at a time from a 16-entry
    /// table: 64 bytes of RAM where a byte-wise table would take 1 KB, and about a fifth of the
    /// instructions of the bitwise loop, so a blob can be checked a few bytes per control cycle.
    /// </summary>
    public static class Crc32
    {
        /// <summary>The register before the first byte; the CRC is the register's complement after the last.</summary>
        public const uint Initial = 0xFFFFFFFF;

        private static readonly uint[] Nibbles =
        {
            0x00000000, 0x1DB71064, 0x3B6E20C8, 0x26D930AC, 0x76DC4190, 0x6B6B51F4, 0x4DB26158, 0x5005713C,
            0xEDB88320, 0xF00F9344, 0xD6D6A3E8, 0xCB61B38C, 0x9B64C2B0, 0x86D3D2D4, 0xA00AE278, 0xBDBDF21C,
        };

        public static uint Compute(byte[] data, int offset, int count)
        {
            return ~Update(Initial, data, offset, count);
        }

        /// <summary>Feeds bytes into a running register, so a long blob can be checked a few bytes at a time.</summary>
        public static uint Update(uint crc, byte[] data, int offset, int count)
        {
            uint[] table = Nibbles;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                crc ^= data[i];
                crc = (crc >> 4) ^ table[crc & 0xF];
                crc = (crc >> 4) ^ table[crc & 0xF];
            }

            return crc;
        }
    }
}
