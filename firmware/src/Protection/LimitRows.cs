using nanoFramework.BMS.Profile;

namespace nanoFramework.BMS.Protection
{
    /// <summary>
    /// A limit table laid out for the interpreter: one array per column instead of a LimitRule
    /// per row, so comparing a row is an array load and a compare rather than two or three
    /// method calls (IsBeyondLimit, ClearValue, IsUpperLimit: about 40 IL a row), and the rows
    /// grouped by the quantity they watch, so a group is measured once and can be passed over
    /// with one compare against its least severe limit, and the groups by the aggregate of the
    /// sample they read, so the monitor visits only those of the aggregates that need it. Row
    /// numbers stay those of the table. Taken once, when the monitor is built: the running limit
    /// table never changes (a configuration edit takes effect at the next restart, see
    /// ConfigEditor).
    /// </summary>
    public sealed class LimitRows
    {
        public readonly int Count;
        public readonly float[] Limit;

        /// <summary>Where the tier ends on the way back: Limit minus (upper) or plus (lower) the hysteresis.</summary>
        public readonly float[] ClearValue;
        public readonly int[] DebounceSamples;

        // Tier and fault id as bytes (a cast back costs no IL): both fit, and an int per row
        // would be three bytes of every row's four kept for good.
        public readonly byte[] Tier;
        public readonly byte[] Fault;

        public readonly int GroupCount;
        public readonly Quantity[] GroupQuantity;
        public readonly bool[] GroupIsUpperLimit;

        /// <summary>The group's rows are RowsByGroup[GroupStart[g]] up to, not including, RowsByGroup[GroupEnd[g]].</summary>
        public readonly int[] GroupStart;
        public readonly int[] GroupEnd;
        public readonly int[] RowsByGroup;

        /// <summary>The limit of the group's row that trips first: the lowest upper or the highest lower limit.</summary>
        public readonly float[] GroupLeastSevereLimit;

        /// <summary>The SampleAggregate the group's quantity reads.</summary>
        public readonly int[] GroupAggregate;

        /// <summary>The groups reading aggregate a are AggregateFirstGroup[a] up to, not including, AggregateEndGroup[a].</summary>
        public readonly int[] AggregateFirstGroup = new int[SampleAggregate.Count];
        public readonly int[] AggregateEndGroup = new int[SampleAggregate.Count];

        /// <param name="periodMs">The sample period the debounces are counted in.</param>
        public LimitRows(LimitRule[] rules, int periodMs)
        {
            Count = rules.Length;
            Limit = new float[Count];
            ClearValue = new float[Count];
            DebounceSamples = new int[Count];
            Tier = new byte[Count];
            Fault = new byte[Count];
            for (int i = 0; i < Count; i++)
            {
                LimitRule rule = rules[i];
                Limit[i] = rule.Limit;
                ClearValue[i] = rule.ClearValue;
                DebounceSamples[i] = rule.DebounceSamples(periodMs);
                Tier[i] = (byte)rule.Tier;
                Fault[i] = (byte)rule.Fault;
            }

            GroupCount = CountQuantities(rules);
            GroupQuantity = new Quantity[GroupCount];
            GroupIsUpperLimit = new bool[GroupCount];
            GroupStart = new int[GroupCount];
            GroupEnd = new int[GroupCount];
            GroupLeastSevereLimit = new float[GroupCount];
            GroupAggregate = new int[GroupCount];
            RowsByGroup = new int[Count];

            // Groups by aggregate, then in order of their first row; rows within a group in table order.
            int group = 0;
            int position = 0;
            for (int aggregate = 0; aggregate < SampleAggregate.Count; aggregate++)
            {
                AggregateFirstGroup[aggregate] = group;
                for (int i = 0; i < Count; i++)
                {
                    if (FirstRowOf(rules, rules[i].Quantity) == i && SampleAggregate.Of(rules[i].Quantity) == aggregate)
                        position = AddGroup(rules, i, group++, position);
                }

                AggregateEndGroup[aggregate] = group;
            }
        }

        /// <summary>Lays out the group of the quantity whose first row is first; returns the next free position.</summary>
        private int AddGroup(LimitRule[] rules, int first, int group, int position)
        {
            Quantity quantity = rules[first].Quantity;
            bool upper = QuantityUnits.IsUpperLimit(quantity);
            float least = rules[first].Limit;
            GroupQuantity[group] = quantity;
            GroupIsUpperLimit[group] = upper;
            GroupAggregate[group] = SampleAggregate.Of(quantity);
            GroupStart[group] = position;
            for (int j = first; j < Count; j++)
            {
                if (rules[j].Quantity != quantity)
                    continue;
                RowsByGroup[position++] = j;
                float limit = rules[j].Limit;
                if (upper ? limit < least : limit > least)
                    least = limit;
            }

            GroupEnd[group] = position;
            GroupLeastSevereLimit[group] = least;
            return position;
        }

        private static int CountQuantities(LimitRule[] rules)
        {
            int count = 0;
            for (int i = 0; i < rules.Length; i++)
            {
                if (FirstRowOf(rules, rules[i].Quantity) == i)
                    count++;
            }

            return count;
        }

        private static int FirstRowOf(LimitRule[] rules, Quantity quantity)
        {
            for (int i = 0; i < rules.Length; i++)
            {
                if (rules[i].Quantity == quantity)
                    return i;
            }

            return -1;
        }
    }
}
