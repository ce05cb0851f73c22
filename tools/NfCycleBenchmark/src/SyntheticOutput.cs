using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.Benchmark
{
    /// <summary>A relay output that folds every write into the run's checksum.</summary>
    public sealed class SyntheticOutput : IDigitalOutput
    {
        private readonly OutputChecksum _checksum;
        private readonly byte _tag;

        public bool Energised;

        public SyntheticOutput(OutputChecksum checksum, byte tag)
        {
            _checksum = checksum;
            _tag = tag;
        }

        public void Write(bool energised)
        {
            Energised = energised;
            _checksum.Add((byte)(_tag + (energised ? 1 : 0)));
        }
    }
}
