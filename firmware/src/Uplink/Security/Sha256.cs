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

        /// <summary>
        /// Round constant i. A switch rather than a static table: a table would stay on the heap
        /// for as long as the firmware runs (256 bytes and its header) for a hash now and then (a
        /// login, a signed command), and a switch is one IL instruction on the interpreter.
        /// </summary>
        private static uint K(int i)
        {
            switch (i)
            {
                case 0: return 0x428a2f98;
                case 1: return 0x71374491;
                case 2: return 0xb5c0fbcf;
                case 3: return 0xe9b5dba5;
                case 4: return 0x3956c25b;
                case 5: return 0x59f111f1;
                case 6: return 0x923f82a4;
                case 7: return 0xab1c5ed5;
                case 8: return 0xd807aa98;
                case 9: return 0x12835b01;
                case 10: return 0x243185be;
                case 11: return 0x550c7dc3;
                case 12: return 0x72be5d74;
                case 13: return 0x80deb1fe;
                case 14: return 0x9bdc06a7;
                case 15: return 0xc19bf174;
                case 16: return 0xe49b69c1;
                case 17: return 0xefbe4786;
                case 18: return 0x0fc19dc6;
                case 19: return 0x240ca1cc;
                case 20: return 0x2de92c6f;
                case 21: return 0x4a7484aa;
                case 22: return 0x5cb0a9dc;
                case 23: return 0x76f988da;
                case 24: return 0x983e5152;
                case 25: return 0xa831c66d;
                case 26: return 0xb00327c8;
                case 27: return 0xbf597fc7;
                case 28: return 0xc6e00bf3;
                case 29: return 0xd5a79147;
                case 30: return 0x06ca6351;
                case 31: return 0x14292967;
                case 32: return 0x27b70a85;
                case 33: return 0x2e1b2138;
                case 34: return 0x4d2c6dfc;
                case 35: return 0x53380d13;
                case 36: return 0x650a7354;
                case 37: return 0x766a0abb;
                case 38: return 0x81c2c92e;
                case 39: return 0x92722c85;
                case 40: return 0xa2bfe8a1;
                case 41: return 0xa81a664b;
                case 42: return 0xc24b8b70;
                case 43: return 0xc76c51a3;
                case 44: return 0xd192e819;
                case 45: return 0xd6990624;
                case 46: return 0xf40e3585;
                case 47: return 0x106aa070;
                case 48: return 0x19a4c116;
                case 49: return 0x1e376c08;
                case 50: return 0x2748774c;
                case 51: return 0x34b0bcb5;
                case 52: return 0x391c0cb3;
                case 53: return 0x4ed8aa4a;
                case 54: return 0x5b9cca4f;
                case 55: return 0x682e6ff3;
                case 56: return 0x748f82ee;
                case 57: return 0x78a5636f;
                case 58: return 0x84c87814;
                case 59: return 0x8cc70208;
                case 60: return 0x90befffa;
                case 61: return 0xa4506ceb;
                case 62: return 0xbef9a3f7;
                default: return 0xc67178f2;
            }
        }

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

                uint t1 = unchecked(h + (Rotr(e, 6) ^ Rotr(e, 11) ^ Rotr(e, 25)) + ((e & f) ^ (~e & g)) + K(i) + w[slot]);
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
