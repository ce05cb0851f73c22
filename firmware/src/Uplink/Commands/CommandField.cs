namespace nanoFramework.BMS.Uplink.Commands
{
    /// <summary>The fields of a command map, as bits so CommandReader can refuse a key given twice.</summary>
    public static class CommandField
    {
        public const int Other = 0;
        public const int Id = 1;
        public const int Cmd = 2;
        public const int Counter = 4;
        public const int Args = 8;
        public const int Hmac = 16;

        /// <summary>The highest counter accepted: 2^53 - 1, exact in every JSON library's numbers.</summary>
        public const long MaxCounter = 9007199254740991;

        public static int Of(byte[] text, int offset, int count)
        {
            if (Is(text, offset, count, "id"))
                return Id;
            if (Is(text, offset, count, "cmd"))
                return Cmd;
            if (Is(text, offset, count, "counter"))
                return Counter;
            if (Is(text, offset, count, "args"))
                return Args;
            if (Is(text, offset, count, "hmac"))
                return Hmac;
            return Other;
        }

        /// <summary>True when the bytes spell exactly that ASCII text.</summary>
        public static bool Is(byte[] text, int offset, int count, string ascii)
        {
            if (count != ascii.Length)
                return false;
            for (int i = 0; i < count; i++)
            {
                if (text[offset + i] != ascii[i])
                    return false;
            }

            return true;
        }
    }
}
