namespace nanoFramework.BMS.Acquisition
{
    /// <summary>
    /// Linear counts-to-millivolts map of one ADC channel. Two reference points per channel absorb
    /// the divider tolerance and the ESP32 ADC's per-chip gain and offset, which it does not
    /// calibrate itself at fixed attenuation.
    /// </summary>
    public sealed class ChannelCalibration
    {
        /// <summary>Counts at full scale of a 12-bit converter.</summary>
        public const int FullScaleCounts = 4095;

        /// <summary>Cell voltage at full scale of a nominal (uncalibrated) cell channel.</summary>
        public const float NominalFullScaleMillivolts = 5000f;

        public float GainMillivoltsPerCount;
        public float OffsetMillivolts;

        public ChannelCalibration(float gainMillivoltsPerCount, float offsetMillivolts)
        {
            GainMillivoltsPerCount = gainMillivoltsPerCount;
            OffsetMillivolts = offsetMillivolts;
        }

        public static ChannelCalibration Nominal()
        {
            return new ChannelCalibration(NominalFullScaleMillivolts / FullScaleCounts, 0f);
        }

        /// <summary>
        /// Builds the map from two readings at known voltages, e.g. a precision source at 3.000 V
        /// and 4.200 V. Returns null when the counts do not differ: such a channel cannot be calibrated.
        /// </summary>
        public static ChannelCalibration FromTwoPoints(int lowCounts, float lowMillivolts, int highCounts, float highMillivolts)
        {
            if (highCounts == lowCounts)
                return null;
            float gain = (highMillivolts - lowMillivolts) / (highCounts - lowCounts);
            return new ChannelCalibration(gain, lowMillivolts - gain * lowCounts);
        }

        public float ToMillivolts(int counts)
        {
            return counts * GainMillivoltsPerCount + OffsetMillivolts;
        }
    }
}
