namespace nanoFramework.BMS.Config
{
    /// <summary>
    /// CRC-32 (IEEE 802.3, reflected, as zlib computes it). Bitwise rather than table-driven: it
    /// runs only when a record is saved or loaded, and a table would cost 1 KB of RAM for good.
    /// </summary>
    public static class Crc32
    {
        public static uint Compute(byte[] data, int offset, int count)
        {
            uint crc = 0xFFFFFFFF;
            for (int i = offset; i < offset + count; i++)
            {
                crc ^= data[i];
                for (int bit = 0; bit < 8; bit++)
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }

            return ~crc;
        }
    }
}
