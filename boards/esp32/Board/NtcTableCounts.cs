using nanoFramework.BMS.Acquisition;

namespace nanoFramework.BMS.Esp32.Board
{
    /// <summary>
    /// The firmware's NTC table (Acquisition/NtcTable) is in the counts of a ratiometric 12-bit ADC
    /// reading a 10 kOhm NTC under a 10 kOhm pull-up. The ESP32's ADC is neither ratiometric nor
    /// usable up to its supply (about 150-2450 mV at 11 dB), so the board pulls its NTCs up through
    /// a larger resistor to keep them inside that window, and this converts what it measures into
    /// the table's counts: pin millivolts -> the NTC's resistance -> the table's divider.
    /// </summary>
    public sealed class NtcTableCounts
    {
        private readonly float _pullUpOhms;
        private readonly float _supplyMillivolts;
        private readonly float _adcMillivoltsPerCount;
        private readonly float _adcOffsetMillivolts;

        public NtcTableCounts(float pullUpOhms, float supplyMillivolts, float adcMillivoltsPerCount, float adcOffsetMillivolts)
        {
            _pullUpOhms = pullUpOhms;
            _supplyMillivolts = supplyMillivolts;
            _adcMillivoltsPerCount = adcMillivoltsPerCount;
            _adcOffsetMillivolts = adcOffsetMillivolts;
        }

        /// <summary>
        /// Table counts for raw ESP32 counts; negative input (a failed conversion) passes through.
        /// The ADC's ends are the rails: 0 is anything below its dead zone (a shorted NTC) and
        /// 4095 anything above its range (an open one), so both go to the table's rails, where the
        /// firmware's rail check flags the sensor instead of reading a temperature into them.
        /// </summary>
        public int FromAdcCounts(int adcCounts)
        {
            if (adcCounts <= 0)
                return adcCounts;
            if (adcCounts >= ChannelCalibration.FullScaleCounts)
                return ChannelCalibration.FullScaleCounts;
            float millivolts = adcCounts * _adcMillivoltsPerCount + _adcOffsetMillivolts;
            if (millivolts <= 0f)
                return 0;
            if (millivolts >= _supplyMillivolts)
                return ChannelCalibration.FullScaleCounts;

            // NTC to ground under the pull-up: R = Rpu * V / (Vs - V). The table's divider:
            // counts = 4095 * R / (R + 10k) = 4095 * Rpu*V / (Rpu*V + 10k*(Vs - V)).
            float top = _pullUpOhms * millivolts;
            float counts = ChannelCalibration.FullScaleCounts * top / (top + NtcTable.PullUpOhms * (_supplyMillivolts - millivolts));
            return (int)(counts + 0.5f);
        }
    }
}
