using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Profile;

namespace nanoFramework.BMS.Protection
{
    /// <summary>
    /// The charge and discharge current limits published to chargers and inverters: the rated
    /// currents, each scaled down linearly to zero as a quantity moves from its operating limit
    /// to its recommended limit (foxBMS 2's derating), and zero while a fault is latched or an
    /// input cannot be seen.
    /// </summary>
    public sealed class CurrentLimiter
    {
        private readonly Quantity[] _quantities;
        private readonly float[] _operating;
        private readonly float[] _recommended;
        private readonly bool[] _limitsCharge;
        private readonly bool[] _limitsDischarge;

        // Per entry, the values that leave its factor at 1: at or inside the operating limit,
        // on the side away from the recommended one. An entry whose quantity is there has
        // nothing to lower and is passed over (its factor is a division and two compares).
        private readonly float[] _factorOneUpTo;
        private readonly float[] _factorOneDownTo;

        /// <summary>Per entry, bit 1 &lt;&lt; SampleAggregate of the aggregate its quantity reads.</summary>
        private readonly int[] _aggregateBit;
        private readonly int _count;
        private readonly float _ratedChargeAmps;
        private readonly float _ratedDischargeAmps;

        // Every derating quantity at or inside its operating limit gives every factor 1: the
        // rated currents, without visiting the entries (about 400 IL a cycle on the
        // interpreter). A quantity without entries has an infinite bound.
        private readonly float _ratedUpToMaxCellMillivolts = float.PositiveInfinity;
        private readonly float _ratedDownToMinCellMillivolts = float.NegativeInfinity;
        private readonly float _ratedUpToMaxCelsius = float.PositiveInfinity;
        private readonly float _ratedDownToMinCelsius = float.NegativeInfinity;
        private readonly float _ratedUpToRiseCelsiusPerSecond = float.PositiveInfinity;


        public float ChargeLimitAmps;
        public float DischargeLimitAmps;

        public CurrentLimiter(PackProfile profile)
        {
            LimitRule[] rules = profile.Limits;
            _ratedChargeAmps = profile.Safety.RatedChargeAmps;
            _ratedDischargeAmps = profile.Safety.RatedDischargeAmps;

            // Sized to the entries, not to the table: of the 37 rows of a preset only the
            // operating and recommended pairs of the quantities that limit a current derate
            // (about ten), and every array here would otherwise be mostly empty for as long as
            // the firmware runs. The table is walked twice, at start-up only.
            int entries = Entries(rules, null, null, null, null, null);
            _quantities = new Quantity[entries];
            _operating = new float[entries];
            _recommended = new float[entries];
            _limitsCharge = new bool[entries];
            _limitsDischarge = new bool[entries];
            _factorOneUpTo = new float[entries];
            _factorOneDownTo = new float[entries];
            _aggregateBit = new int[entries];
            _count = Entries(rules, _quantities, _operating, _recommended, _limitsCharge, _limitsDischarge);

            bool ratedWindowHolds = true;
            for (int i = 0; i < _count; i++)
            {
                float operating = _operating[i];
                float recommended = _recommended[i];
                _aggregateBit[i] = 1 << SampleAggregate.Of(_quantities[i]);

                // With equal limits no value is sure to give 1: an empty range.
                _factorOneUpTo[i] = recommended > operating ? operating : recommended < operating ? float.PositiveInfinity : float.NegativeInfinity;
                _factorOneDownTo[i] = recommended < operating ? operating : recommended > operating ? float.NegativeInfinity : float.PositiveInfinity;

                // Factor() is 1 at or inside the operating limit, on the side away from the recommended one.
                bool upper = QuantityUnits.IsUpperLimit(_quantities[i]);
                if (upper ? !(recommended > operating) : !(recommended < operating))
                    ratedWindowHolds = false;
                switch (_quantities[i])
                {
                    case Quantity.MaxCellMillivolts:
                        if (operating < _ratedUpToMaxCellMillivolts)
                            _ratedUpToMaxCellMillivolts = operating;
                        break;
                    case Quantity.MinCellMillivolts:
                        if (operating > _ratedDownToMinCellMillivolts)
                            _ratedDownToMinCellMillivolts = operating;
                        break;
                    case Quantity.MaxCelsiusWhileCharging:
                    case Quantity.MaxCelsius:
                        if (operating < _ratedUpToMaxCelsius)
                            _ratedUpToMaxCelsius = operating;
                        break;
                    case Quantity.MinCelsiusWhileCharging:
                    case Quantity.MinCelsius:
                        if (operating > _ratedDownToMinCelsius)
                            _ratedDownToMinCelsius = operating;
                        break;
                    default:
                        if (operating < _ratedUpToRiseCelsiusPerSecond)
                            _ratedUpToRiseCelsiusPerSecond = operating;
                        break;
                }
            }

            // An entry that derates the other way than its quantity trips (only in a table that
            // fails validation) breaks the window: NaN bounds put every value outside it, so
            // every entry is always visited.
            if (!ratedWindowHolds)
            {
                _ratedUpToMaxCellMillivolts = float.NaN;
                _ratedDownToMinCellMillivolts = float.NaN;
                _ratedUpToMaxCelsius = float.NaN;
                _ratedDownToMinCelsius = float.NaN;
                _ratedUpToRiseCelsiusPerSecond = float.NaN;
            }
        }

        /// <summary>
        /// The derating entries: each recommended-tier row with an operating-tier row of the same
        /// fault, whose quantity limits a current. Fills the arrays when given; returns the count.
        /// </summary>
        private static int Entries(LimitRule[] rules, Quantity[] quantities, float[] operatingLimits, float[] recommendedLimits, bool[] limitsCharge, bool[] limitsDischarge)
        {
            int count = 0;
            for (int i = 0; i < rules.Length; i++)
            {
                LimitRule recommended = rules[i];
                if (recommended.Tier != Tier.Recommended)
                    continue;
                for (int j = 0; j < rules.Length; j++)
                {
                    LimitRule operating = rules[j];
                    if (operating.Fault != recommended.Fault || operating.Tier != Tier.Operating)
                        continue;
                    bool charge;
                    bool discharge;
                    Direction(recommended.Quantity, out charge, out discharge);
                    if (!charge && !discharge)
                        continue;
                    if (quantities != null)
                    {
                        quantities[count] = recommended.Quantity;
                        operatingLimits[count] = operating.Limit;
                        recommendedLimits[count] = recommended.Limit;
                        limitsCharge[count] = charge;
                        limitsDischarge[count] = discharge;
                    }

                    count++;
                }
            }

            return count;
        }

        public void Update(Sample sample, bool faultLatched)
        {
            if (faultLatched || !sample.CellsValid || !sample.TemperaturesValid || !sample.CurrentValid)
            {
                ChargeLimitAmps = 0f;
                DischargeLimitAmps = 0f;
                return;
            }

            // The aggregates outside the rated window; NaN counts as outside.
            int outside = 0;
            if (!(sample.MaxCellMillivolts <= _ratedUpToMaxCellMillivolts))
                outside |= 1 << SampleAggregate.HighestCell;
            if (!(sample.MinCellMillivolts >= _ratedDownToMinCellMillivolts))
                outside |= 1 << SampleAggregate.LowestCell;
            if (!(sample.MaxCelsius <= _ratedUpToMaxCelsius))
                outside |= 1 << SampleAggregate.HottestSensor;
            if (!(sample.MinCelsius >= _ratedDownToMinCelsius))
                outside |= 1 << SampleAggregate.ColdestSensor;
            if (!(sample.MaxRiseCelsiusPerSecond <= _ratedUpToRiseCelsiusPerSecond))
                outside |= 1 << SampleAggregate.FastestRise;
            if (outside == 0)
            {
                ChargeLimitAmps = _ratedChargeAmps;
                DischargeLimitAmps = _ratedDischargeAmps;
                return;
            }

            float charge = 1f;
            float discharge = 1f;
            for (int i = 0; i < _count; i++)
            {
                if ((outside & _aggregateBit[i]) == 0)
                    continue;
                float value = Value(_quantities[i], sample);
                if (value <= _factorOneUpTo[i] && value >= _factorOneDownTo[i])
                    continue;
                float factor = Factor(value, _operating[i], _recommended[i]);
                if (_limitsCharge[i] && factor < charge)
                    charge = factor;
                if (_limitsDischarge[i] && factor < discharge)
                    discharge = factor;
            }

            ChargeLimitAmps = _ratedChargeAmps * charge;
            DischargeLimitAmps = _ratedDischargeAmps * discharge;
        }

        /// <summary>1 at or inside the operating limit, 0 at or beyond the recommended limit, linear between.</summary>
        private static float Factor(float value, float operating, float recommended)
        {
            float factor = (recommended - value) / (recommended - operating);
            if (factor > 1f)
                return 1f;
            return factor < 0f ? 0f : factor;
        }

        /// <summary>Which current a quantity limits: a full cell stops charge, an empty one discharge, heat both.</summary>
        private static void Direction(Quantity quantity, out bool charge, out bool discharge)
        {
            charge = quantity == Quantity.MaxCellMillivolts || quantity == Quantity.MaxCelsiusWhileCharging
                || quantity == Quantity.MinCelsiusWhileCharging || quantity == Quantity.MaxCelsius
                || quantity == Quantity.CelsiusRisePerSecond;
            discharge = quantity == Quantity.MinCellMillivolts || quantity == Quantity.MaxCelsius
                || quantity == Quantity.MinCelsius || quantity == Quantity.CelsiusRisePerSecond;
        }

        /// <summary>The quantity whether or not the pack is charging: the limits are for what may come next.</summary>
        private static float Value(Quantity quantity, Sample sample)
        {
            switch (quantity)
            {
                case Quantity.MaxCellMillivolts: return sample.MaxCellMillivolts;
                case Quantity.MinCellMillivolts: return sample.MinCellMillivolts;
                case Quantity.MaxCelsiusWhileCharging:
                case Quantity.MaxCelsius:
                    return sample.MaxCelsius;
                case Quantity.MinCelsiusWhileCharging:
                case Quantity.MinCelsius:
                    return sample.MinCelsius;
                default: return sample.MaxRiseCelsiusPerSecond;
            }
        }
    }
}
