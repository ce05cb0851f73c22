namespace nanoFramework.BMS.Uplink.Commands
{
    /// <summary>Lower- or upper-case hex text to bytes, for the HMAC of a JSON command.</summary>
    public static class Hex
    {
        /// <summary>True when the text is exactly twice target.Length hex digits.</summary>
        public static bool Decode(byte[] text, int offset, int count, byte[] target)
        {
            if (count != target.Length * 2)
                return false;
            for (int i = 0; i < target.Length; i++)
            {
                int high = Digit(text[offset + 2 * i]);
                int low = Digit(text[offset + 2 * i + 1]);
                if (high < 0 || low < 0)
                    return false;
                target[i] = (byte)((high << 4) | low);
            }

            return true;
        }

        private static int Digit(byte c)
        {
            if (c >= '0' && c <= '9')
                return c - '0';
            if (c >= 'a' && c <= 'f')
                return c - 'a' + 10;
            if (c >= 'A' && c <= 'F')
                return c - 'A' + 10;
            return -1;
        }
    }
}
