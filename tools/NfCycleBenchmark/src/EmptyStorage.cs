using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.Benchmark
{
    /// <summary>Storage of a fresh board: nothing stored, every write accepted and forgotten.</summary>
    public sealed class EmptyStorage : IStorage
    {
        public int Writes;

        public int Read(string name, byte[] buffer)
        {
            return -1;
        }

        public bool Write(string name, byte[] buffer, int length)
        {
            Writes++;
            return true;
        }
    }
}
