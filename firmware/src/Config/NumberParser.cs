namespace nanoFramework.BMS.Config
{
    /// <summary>
    /// Parses decimal numbers straight from console bytes ("-12.5", "4200", "0.001"), without
    /// strings: float.Parse would need one per call. No exponents; at most 9 significant digits.
    /// </summary>
    public static class NumberParser
    {
        /// <summary>Returns false when the bytes are not a plain decimal number.</summary>
        public static bool TryParse(byte[] text, int start, int length, out float value)
        {
            value = 0f;
            if (length <= 0 || length > 16)
                return false;
            int i = start;
            int end = start + length;
            bool negative = false;
            if (text[i] == (byte)'-' || text[i] == (byte)'+')
            {
                negative = text[i] == (byte)'-';
                i++;
            }

            long mantissa = 0;
            int digits = 0;
            int decimals = 0;
            bool point = false;
            for (; i < end; i++)
            {
                int c = text[i];
                if (c == '.' && !point)
                {
                    point = true;
                    continue;
                }

                if (c < '0' || c > '9' || digits >= 9)
                    return false;
                mantissa = mantissa * 10 + (c - '0');
                digits++;
                if (point)
                    decimals++;
            }

            if (digits == 0)
                return false;
            float result = mantissa;
            for (int d = 0; d < decimals; d++)
                result /= 10f;
            value = negative ? -result : result;
            return true;
        }

        /// <summary>A whole number; false for fractions or anything else.</summary>
        public static bool TryParseInt(byte[] text, int start, int length, out int value)
        {
            value = 0;
            float parsed;
            for (int i = start; i < start + length; i++)
            {
                if (text[i] == (byte)'.')
                    return false;
            }

            if (!TryParse(text, start, length, out parsed))
                return false;
            value = (int)parsed;
            return true;
        }
    }
}
