namespace nanoFramework.BMS.Profile
{
    /// <summary>Finds the limit rule of a fault id, for the unit and thresholds shown with it.</summary>
    public sealed class LimitRuleLookup
    {
        private readonly LimitRule[] _rules;

        public LimitRuleLookup(LimitRule[] rules)
        {
            _rules = rules;
        }

        public LimitRule Find(FaultId id)
        {
            for (int i = 0; i < _rules.Length; i++)
            {
                if (_rules[i].Fault == id)
                    return _rules[i];
            }

            return null;
        }

        public string IndexKindOf(FaultId id)
        {
            LimitRule rule = Find(id);
            return rule == null ? "" : QuantityUnits.IndexKind(rule.Quantity);
        }

        public string UnitOf(FaultId id)
        {
            LimitRule rule = Find(id);
            return rule == null ? "" : rule.Unit;
        }
    }
}
