namespace nanoFramework.BMS.Estimation
{
    /// <summary>
    /// Cell resistance relative to 25 °C: it roughly doubles by 0 °C (shared/reference/
    /// cell-models.md says to use a table, not a constant). Measured resistances are divided by
    /// the factor so they are kept, compared and published at 25 °C.
    /// </summary>
    public static class ResistanceTemperature
    {
        private static readonly float[] Celsius = { -20f, -10f, 0f, 10f, 25f, 45f, 60f };
        private static readonly float[] Factor = { 6.0f, 3.5f, 2.0f, 1.4f, 1.0f, 0.8f, 0.7f };

        public static float FactorAt(float celsius)
        {
            float[] t = Celsius;
            if (!(celsius > t[0]))
                return Factor[0];
            int last = t.Length - 1;
            if (celsius >= t[last])
                return Factor[last];
            int i = 1;
            while (t[i] < celsius)
                i++;
            float f = (celsius - t[i - 1]) / (t[i] - t[i - 1]);
            return Factor[i - 1] + f * (Factor[i] - Factor[i - 1]);
        }
    }
}
