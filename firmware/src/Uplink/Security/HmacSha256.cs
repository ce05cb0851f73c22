namespace nanoFramework.BMS.Uplink.Security
{
    /// <summary>
    /// HMAC-SHA256 (RFC 2104) over a streamed message with a fixed key. The padded key blocks are
    /// computed once in the constructor, so verifying a command costs two hashes and no allocation.
    /// </summary>
    public sealed class HmacSha256
    {
        public const int MacBytes = Sha256.HashBytes;

        private readonly Sha256 _sha = new Sha256();
        private readonly byte[] _innerPad = new byte[Sha256.BlockBytes];
        private readonly byte[] _outerPad = new byte[Sha256.BlockBytes];
        private readonly byte[] _innerHash = new byte[Sha256.HashBytes];

        public HmacSha256(byte[] key)
        {
            byte[] block = new byte[Sha256.BlockBytes];
            if (key.Length > Sha256.BlockBytes)
            {
                // Keys longer than a block are hashed first (RFC 2104 section 2).
                _sha.Update(key, 0, key.Length);
                _sha.Final(block, 0);
            }
            else
            {
                for (int i = 0; i < key.Length; i++)
                    block[i] = key[i];
            }

            for (int i = 0; i < Sha256.BlockBytes; i++)
            {
                _innerPad[i] = (byte)(block[i] ^ 0x36);
                _outerPad[i] = (byte)(block[i] ^ 0x5c);
            }

            Begin();
        }

        /// <summary>Starts a new message.</summary>
        public void Begin()
        {
            _sha.Reset();
            _sha.Update(_innerPad, 0, Sha256.BlockBytes);
        }

        public void Update(byte[] data, int offset, int count)
        {
            _sha.Update(data, offset, count);
        }

        public void Update(byte value)
        {
            _sha.Update(value);
        }

        public void Update(string ascii)
        {
            for (int i = 0; i < ascii.Length; i++)
                _sha.Update((byte)ascii[i]);
        }

        /// <summary>Writes the 32-byte MAC at output[offset] and starts a new message.</summary>
        public void Final(byte[] output, int offset)
        {
            _sha.Final(_innerHash, 0);
            _sha.Update(_outerPad, 0, Sha256.BlockBytes);
            _sha.Update(_innerHash, 0, Sha256.HashBytes);
            _sha.Final(output, offset);
            Begin();
        }

        /// <summary>Compares in time independent of where the first difference is, so timing leaks nothing about the MAC.</summary>
        public static bool FixedTimeEquals(byte[] a, int aOffset, byte[] b, int bOffset, int count)
        {
            int difference = 0;
            for (int i = 0; i < count; i++)
                difference |= a[aOffset + i] ^ b[bOffset + i];
            return difference == 0;
        }
    }
}
