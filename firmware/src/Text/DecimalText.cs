namespace nanoFramework.BMS
{
    /// <summary>
    /// Decimal digits and fixed-point rounding without int.ToString, which allocates: shared by
    /// the console's text, the JSON and CBOR writers and the command signature.
    /// </summary>
    public static class DecimalText
    {
        /// <summary>Writes the digits of a non-negative value into digits, least significant first; returns how many.</summary>
        public static int ReversedDigits(long value, byte[] digits)
        {
            int count = 0;
            do
            {
                digits[count++] = (byte)('0' + (int)(value % 10));
                value /= 10;
            }
            while (value > 0);

            return count;
        }

        /// <summary>10 to the power of decimals (0 to 9). A loop, not a static table: a lazily initialised static would allocate on first use.</summary>
        public static int Scale(int decimals)
        {
            int scale = 1;
            for (int i = 0; i < decimals; i++)
                scale *= 10;
            return scale;
        }

        /// <summary>
        /// Whether value x scale is a number that Round can return as a long: false for NaN, the
        /// infinities and anything beyond about 9.2e18, which the writers send as null rather
        /// than as a saturated (and, in JSON, malformed) number.
        /// </summary>
        public static bool Representable(float value, int scale)
        {
            float scaled = value * scale;
            return scaled > -9.2e18f && scaled < 9.2e18f;
        }

        /// <summary>value x scale rounded to the nearest integer, halves away from zero.</summary>
        public static long Round(float value, int scale)
        {
            float scaled = value * scale;
            return (long)(scaled < 0f ? scaled - 0.5f : scaled + 0.5f);
        }
    }
}
