namespace nanoFramework.BMS.Uplink
{
    /// <summary>
    /// xorshift32: reconnect jitter needs spread between devices, not secrecy. Seeded from the
    /// device id so a fleet that lost its broker together does not come back in lockstep, and
    /// deterministic so tests can predict it. System.Random would allocate state we do not control.
    /// </summary>
    public sealed class DeterministicRandom
    {
        private uint _state;

        public DeterministicRandom(uint seed)
        {
            _state = seed == 0 ? 0x9E3779B9u : seed;
        }

        /// <summary>Seed from text with FNV-1a, so each device id gets its own sequence.</summary>
        public static uint SeedFrom(string text)
        {
            uint hash = 2166136261;
            for (int i = 0; i < text.Length; i++)
                hash = unchecked((hash ^ text[i]) * 16777619);
            return hash;
        }

        public uint Next()
        {
            uint x = _state;
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            _state = x;
            return x;
        }

        /// <summary>A number from 0 to bound - 1 (bound above 0).</summary>
        public int Below(int bound)
        {
            return (int)(Next() % (uint)bound);
        }
    }
}
