namespace nanoFramework.BMS.Benchmark
{
    /// <summary>
    /// FNV-1a (32 bit) over every byte the firmware puts out: published messages and relay
    /// writes. Integer-only, so it is the same on any platform that computes the same outputs.
    /// </summary>
    public sealed class OutputChecksum
    {
        private const uint OffsetBasis = 2166136261;
        private const uint Prime = 16777619;

        public uint Value = OffsetBasis;

        public void Add(byte b)
        {
            Value = (Value ^ b) * Prime;
        }

        public void Add(byte[] buffer, int length)
        {
            uint value = Value;
            for (int i = 0; i < length; i++)
                value = (value ^ buffer[i]) * Prime;
            Value = value;
        }
    }
}
