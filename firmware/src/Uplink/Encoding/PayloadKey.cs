using System;

namespace nanoFramework.BMS.Uplink.Encoding
{
    /// <summary>
    /// Map keys worked out once, at start-up, so a writer copies a key in with one Array.Copy (a
    /// native call on the device) instead of a character load, a check and a store per
    /// character. A composer keeps all its keys as one table of bytes, their names run together,
    /// and names each key by a constant handle: its offset in the table shifted left by
    /// LengthBits, or its length. One array per composer instead of an object and an array per
    /// key: the keys live as long as the firmware, and at about thirty keys that was 1.3 KB of a
    /// small heap. Printable ASCII only, which both writers put out as it is: a key written from
    /// a table is the same bytes as the same key written from its string.
    /// </summary>
    public static class PayloadKey
    {
        /// <summary>Low bits of a handle: the key's length (at most LengthMask characters).</summary>
        public const int LengthBits = 5;
        public const int LengthMask = (1 << LengthBits) - 1;

        /// <summary>The bytes of a table of keys; throws when a character is not printable ASCII.</summary>
        public static byte[] Table(string names)
        {
            byte[] bytes = new byte[names.Length];
            for (int i = 0; i < names.Length; i++)
            {
                char c = names[i];
                if (c < 0x20 || c > 0x7E)
                    throw new ArgumentException("a payload key is printable ASCII: " + names);
                bytes[i] = (byte)c;
            }

            return bytes;
        }
    }
}
