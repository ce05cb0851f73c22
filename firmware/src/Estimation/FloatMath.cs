namespace nanoFramework.BMS.Estimation
{
    /// <summary>
    /// The few functions the estimators need, in float, without the platform math library (its
    /// 64-bit arithmetic runs in software on the ESP32). Called once a second at most, never per sample.
    /// </summary>
    public static class FloatMath
    {
        public static float Abs(float x)
        {
            return x < 0f ? -x : x;
        }

        public static float Clamp(float x, float min, float max)
        {
            if (x < min)
                return min;
            return x > max ? max : x;
        }

        /// <summary>
        /// e^x, relative error below 1e-6 for |x| up to 20 (clamped beyond): x halved until it is
        /// at most 1/16, a fifth-order series, then squared back.
        /// </summary>
        public static float Exp(float x)
        {
            x = Clamp(x, -20f, 20f);
            int halvings = 0;
            while (x > 0.0625f || x < -0.0625f)
            {
                x *= 0.5f;
                halvings++;
            }

            float y = 1f + x * (1f + x * (0.5f + x * (1f / 6f + x * (1f / 24f + x * (1f / 120f)))));
            for (int i = 0; i < halvings; i++)
                y *= y;
            return y;
        }

        /// <summary>Square root by Newton's method from a power-of-two guess; 0 for x at or below 0.</summary>
        public static float Sqrt(float x)
        {
            if (!(x > 0f))
                return 0f;
            float guess = 1f;
            float scaled = x;
            while (scaled > 4f)
            {
                scaled *= 0.25f;
                guess *= 2f;
            }

            while (scaled < 0.25f)
            {
                scaled *= 4f;
                guess *= 0.5f;
            }

            for (int i = 0; i < 6; i++)
                guess = 0.5f * (guess + x / guess);
            return guess;
        }
    }
}
