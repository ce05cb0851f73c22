using System;

namespace nanoFramework.BMS.Uplink.Encoding
{
    /// <summary>
    /// A map key whose bytes are worked out once, at start-up, so a writer copies them in with one
    /// Array.Copy (a native call on the device) instead of a character load, a check and a store
    /// per character. Printable ASCII only, which both writers put out as it is: a key written
    /// from a PayloadKey is the same bytes as the same key written from its string. Only the
    /// bytes are kept (near the end of a buffer the writers put them out one by one): the keys
    /// live as long as the firmware, and a reference to the name was one more field each.
    /// </summary>
    public sealed class PayloadKey
    {
        public readonly byte[] Bytes;

        public PayloadKey(string name)
        {
            Bytes = new byte[name.Length];
            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                if (c < 0x20 || c > 0x7E)
                    throw new ArgumentException("a payload key is printable ASCII: " + name);
                Bytes[i] = (byte)c;
            }
        }
    }
}
