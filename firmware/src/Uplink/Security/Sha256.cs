namespace nanoFramework.BMS.Uplink.Security
{
    /// <summary>
    /// SHA-256 (FIPS 180-4), streaming, on preallocated state. nanoFramework has no
    /// System.Security.Cryptography, and hashing a command must not allocate. The tests check it
    /// against the host's SHA256 on random inputs.
    /// </summary>
    public sealed class Sha256
    {
        public const int HashBytes = 32;
        public const int BlockBytes = 64;

        private static readonly uint[] K =
        {
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
        };

        private readonly uint[] _state = new uint[8];
        // The message schedule as a rolling window of its last 16 words (FIPS 180-4, 6.2.2 computes
        // all 64 first): a hasher lives as long as the firmware, and 192 bytes of its state would
        // be on the heap for a login or a command now and then.
        private readonly uint[] _w = new uint[16];
        private readonly byte[] _block = new byte[BlockBytes];
        private int _blockLength;
        private long _totalBytes;

        public Sha256()
        {
            Reset();
        }

        public void Reset()
        {
            _state[0] = 0x6a09e667;
            _state[1] = 0xbb67ae85;
            _state[2] = 0x3c6ef372;
            _state[3] = 0xa54ff53a;
            _state[4] = 0x510e527f;
            _state[5] = 0x9b05688c;
            _state[6] = 0x1f83d9ab;
            _state[7] = 0x5be0cd19;
            _blockLength = 0;
            _totalBytes = 0;
        }

        public void Update(byte[] data, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                _block[_blockLength++] = data[offset + i];
                if (_blockLength == BlockBytes)
                {
                    Compress();
                    _blockLength = 0;
                }
            }

            _totalBytes += count;
        }

        public void Update(byte value)
        {
            _block[_blockLength++] = value;
            if (_blockLength == BlockBytes)
            {
                Compress();
                _blockLength = 0;
            }

            _totalBytes++;
        }

        /// <summary>Pads, writes the 32-byte digest at output[offset] and resets for the next message.</summary>
        public void Final(byte[] output, int offset)
        {
            long bits = _totalBytes * 8;
            Update(0x80);
            while (_blockLength != BlockBytes - 8)
                Update(0x00);
            for (int i = 7; i >= 0; i--)
                _block[_blockLength++] = (byte)(bits >> (i * 8));
            Compress();

            for (int i = 0; i < 8; i++)
            {
                uint s = _state[i];
                output[offset + i * 4] = (byte)(s >> 24);
                output[offset + i * 4 + 1] = (byte)(s >> 16);
                output[offset + i * 4 + 2] = (byte)(s >> 8);
                output[offset + i * 4 + 3] = (byte)s;
            }

            Reset();
        }

        private void Compress()
        {
            uint[] w = _w;
            for (int i = 0; i < 16; i++)
                w[i] = ((uint)_block[i * 4] << 24) | ((uint)_block[i * 4 + 1] << 16) | ((uint)_block[i * 4 + 2] << 8) | _block[i * 4 + 3];

            uint a = _state[0], b = _state[1], c = _state[2], d = _state[3];
            uint e = _state[4], f = _state[5], g = _state[6], h = _state[7];
            for (int i = 0; i < 64; i++)
            {
                // Word i of the schedule, in the slot of word i - 16 once the first 16 are used.
                int slot = i & 15;
                if (i >= 16)
                {
                    uint x = w[(i - 15) & 15];
                    uint y = w[(i - 2) & 15];
                    uint s0 = Rotr(x, 7) ^ Rotr(x, 18) ^ (x >> 3);
                    uint s1 = Rotr(y, 17) ^ Rotr(y, 19) ^ (y >> 10);
                    w[slot] = unchecked(w[slot] + s0 + w[(i - 7) & 15] + s1);
                }

                uint t1 = unchecked(h + (Rotr(e, 6) ^ Rotr(e, 11) ^ Rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[slot]);
                uint t2 = unchecked((Rotr(a, 2) ^ Rotr(a, 13) ^ Rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c)));
                h = g;
                g = f;
                f = e;
                e = unchecked(d + t1);
                d = c;
                c = b;
                b = a;
                a = unchecked(t1 + t2);
            }

            _state[0] = unchecked(_state[0] + a);
            _state[1] = unchecked(_state[1] + b);
            _state[2] = unchecked(_state[2] + c);
            _state[3] = unchecked(_state[3] + d);
            _state[4] = unchecked(_state[4] + e);
            _state[5] = unchecked(_state[5] + f);
            _state[6] = unchecked(_state[6] + g);
            _state[7] = unchecked(_state[7] + h);
        }

        private static uint Rotr(uint x, int n)
        {
            return (x >> n) | (x << (32 - n));
        }
    }
}
