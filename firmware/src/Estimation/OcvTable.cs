using nanoFramework.BMS.Profile;

namespace nanoFramework.BMS.Estimation
{
    /// <summary>
    /// A chemistry's open-circuit voltage against state of charge, resampled at start-up onto a
    /// 1 % grid so a lookup is one index and one multiply-add, with the slope of each segment and
    /// the energy below each point (∫OCV dSoC, Wh per Ah). The breakpoints are the published
    /// curves of shared/reference/cell-models.md: NMC the LG 18650HG2 C/20 pseudo-OCV at 25 °C,
    /// LFP an A123 cell, extended to 2.50 V at empty and 3.45 V at full. The inverse (voltage to
    /// state of charge) starts from a 256-bucket index over the voltage range, so it walks at
    /// most a few 1 % segments, even on LFP's plateau.
    /// </summary>
    public sealed class OcvTable
    {
        public const int Steps = 100;

        private static readonly int[] NmcPercent = { 0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100 };
        private static readonly int[] NmcMillivolts = { 3114, 3391, 3538, 3611, 3680, 3763, 3859, 3945, 4039, 4093, 4188 };
        private static readonly int[] LfpPercent = { 0, 1, 5, 10, 18, 31, 53, 95, 100 };
        private static readonly int[] LfpMillivolts = { 2500, 2900, 3120, 3170, 3200, 3240, 3272, 3320, 3450 };

        private const int Buckets = 256;

        private readonly float[] _volts = new float[Steps + 1];
        private readonly float[] _energy = new float[Steps + 1];

        /// <summary>For each voltage bucket, the segment holding its lowest voltage.</summary>
        private readonly byte[] _bucketSegment = new byte[Buckets];
        private readonly float _bucketsPerVolt;

        /// <summary>Slope at the point of the last Volts or Soc call, V per unit of state of charge (1 = 100 %).</summary>
        public float Slope;

        public OcvTable(Chemistry chemistry)
        {
            int[] percent = chemistry == Chemistry.Lfp ? LfpPercent : NmcPercent;
            int[] millivolts = chemistry == Chemistry.Lfp ? LfpMillivolts : NmcMillivolts;
            int segment = 0;
            for (int i = 0; i <= Steps; i++)
            {
                while (segment < percent.Length - 2 && i > percent[segment + 1])
                    segment++;
                float f = (i - percent[segment]) / (float)(percent[segment + 1] - percent[segment]);
                _volts[i] = (millivolts[segment] + f * (millivolts[segment + 1] - millivolts[segment])) / 1000f;
                if (i > 0)
                    _energy[i] = _energy[i - 1] + 0.5f * (_volts[i - 1] + _volts[i]) / Steps;
            }

            _bucketsPerVolt = Buckets / (_volts[Steps] - _volts[0]);
            int index = 0;
            for (int b = 0; b < Buckets; b++)
            {
                // 10 µV below the bucket's edge, so rounding never starts a lookup past its segment.
                float low = _volts[0] + b / _bucketsPerVolt - 0.00001f;
                while (index < Steps - 1 && _volts[index + 1] <= low)
                    index++;
                _bucketSegment[b] = (byte)index;
            }
        }

        public float Empty
        {
            get { return _volts[0]; }
        }

        public float Full
        {
            get { return _volts[Steps]; }
        }

        /// <summary>OCV at a state of charge (clamped to 0..1), V; sets Slope.</summary>
        public float Volts(float soc)
        {
            float x = soc * Steps;
            int i = x <= 0f ? 0 : (x >= Steps - 1 ? Steps - 1 : (int)x);
            float low = _volts[i];
            float slope = _volts[i + 1] - low;
            Slope = slope * Steps;
            float f = x - i;
            if (f < 0f)
                f = 0f;
            else if (f > 1f)
                f = 1f;
            return low + f * slope;
        }

        /// <summary>State of charge (0..1) whose OCV is the given voltage, clamped at the ends; sets Slope.</summary>
        public float Soc(float volts)
        {
            float[] v = _volts;
            float above = volts - v[0];
            if (!(above > 0f))
            {
                Slope = (v[1] - v[0]) * Steps;
                return 0f;
            }

            int bucket = (int)(above * _bucketsPerVolt);
            if (bucket >= Buckets)
            {
                Slope = (v[Steps] - v[Steps - 1]) * Steps;
                return 1f;
            }

            int i = _bucketSegment[bucket];
            while (i < Steps - 1 && v[i + 1] <= volts)
                i++;
            float low = v[i];
            float step = v[i + 1] - low;
            Slope = step * Steps;
            float f = (volts - low) / step;
            return (i + (f > 1f ? 1f : f)) / Steps;
        }

        /// <summary>Energy between empty and the given state of charge, Wh per Ah of capacity.</summary>
        public float EnergyBelow(float soc)
        {
            if (!(soc > 0f))
                return 0f;
            float x = soc * Steps;
            int i = x >= Steps - 1 ? Steps - 1 : (int)x;
            float f = x - i;
            if (f > 1f)
                f = 1f;
            return _energy[i] + f * (_energy[i + 1] - _energy[i]);
        }
    }
}
