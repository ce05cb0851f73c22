namespace nanoFramework.BMS.Profile
{
    /// <summary>
    /// What makes a limit table safe to run: tiers in order, real hysteresis, debounces in
    /// bounds, and a maximum tier for every fault. Used at load; the messages name the row.
    /// </summary>
    public static class LimitTableRules
    {
        public const int MaxDebounceMs = 10000;

        /// <summary>Returns "" when the table is sound, else "; "-separated violations.</summary>
        public static string Check(LimitRule[] rules, SafetyParameters safety, int periodMs)
        {
            if (rules == null || rules.Length == 0)
                return "; the limit table is empty";
            string errors = "";
            for (int i = 0; i < rules.Length; i++)
            {
                LimitRule rule = rules[i];
                string name = Name(rule);
                if (!(rule.Hysteresis > 0f))
                    errors += "; " + name + ": hysteresis must be above 0";
                if (rule.DebounceMs < 0 || rule.DebounceMs > MaxDebounceMs)
                    errors += "; " + name + ": debounce must be 0 to " + MaxDebounceMs + " ms, got " + rule.DebounceMs;
                if (QuantityUnits.IsFlag(rule.Quantity) && rule.Tier != Tier.Maximum)
                    errors += "; " + name + ": a sensor check has only the maximum tier";
                for (int j = 0; j < i; j++)
                {
                    if (rules[j].Fault == rule.Fault && rules[j].Tier == rule.Tier)
                        errors += "; " + name + " appears twice";
                    else if (rules[j].Fault == rule.Fault && rules[j].Quantity != rule.Quantity)
                        errors += "; " + name + ": all tiers of a fault must watch one quantity";
                }

                if (rule.Tier == Tier.Maximum)
                    errors += CheckOrder(rules, rule);
            }

            errors += CheckEveryQuantityHasThreeTiers(rules);
            errors += CheckVoltageLimitsArePlausible(rules, safety);
            errors += CheckSafety(safety);
            return errors;
        }

        private static string Name(LimitRule rule)
        {
            return FaultNames.Name(rule.Fault) + " " + TierNames.Name(rule.Tier);
        }

        /// <summary>A maximum row must be beyond every recommended row of its quantity, which must be beyond its operating row.</summary>
        private static string CheckOrder(LimitRule[] rules, LimitRule maximum)
        {
            string errors = "";
            for (int i = 0; i < rules.Length; i++)
            {
                LimitRule recommended = rules[i];
                if (recommended.Quantity != maximum.Quantity || recommended.Tier != Tier.Recommended)
                    continue;
                if (!maximum.IsBeyond(maximum.Limit, recommended.Limit))
                    errors += "; " + Name(maximum) + " limit " + maximum.Limit + " must be beyond " + Name(recommended) + " limit " + recommended.Limit;
                for (int j = 0; j < rules.Length; j++)
                {
                    LimitRule operating = rules[j];
                    if (operating.Fault == recommended.Fault && operating.Tier == Tier.Operating && !maximum.IsBeyond(recommended.Limit, operating.Limit))
                        errors += "; " + Name(recommended) + " limit " + recommended.Limit + " must be beyond " + Name(operating) + " limit " + operating.Limit;
                }
            }

            return errors;
        }

        private static string CheckEveryQuantityHasThreeTiers(LimitRule[] rules)
        {
            string errors = "";
            for (int i = 0; i < rules.Length; i++)
            {
                LimitRule rule = rules[i];
                if (QuantityUnits.IsFlag(rule.Quantity) || rule.Tier != Tier.Maximum)
                    continue;
                bool hasOperating = false;
                bool hasRecommended = false;
                for (int j = 0; j < rules.Length; j++)
                {
                    if (rules[j].Quantity != rule.Quantity)
                        continue;
                    hasOperating |= rules[j].Tier == Tier.Operating;
                    hasRecommended |= rules[j].Tier == Tier.Recommended;
                }

                if (!hasOperating || !hasRecommended)
                    errors += "; " + Name(rule) + ": its quantity needs operating and recommended tiers too";
            }

            return errors;
        }

        private static string CheckVoltageLimitsArePlausible(LimitRule[] rules, SafetyParameters safety)
        {
            string errors = "";
            for (int i = 0; i < rules.Length; i++)
            {
                LimitRule rule = rules[i];
                bool isCellVoltage = rule.Quantity == Quantity.MaxCellMillivolts || rule.Quantity == Quantity.MinCellMillivolts;
                if (isCellVoltage && (rule.Limit <= safety.MinPlausibleCellMillivolts || rule.Limit >= safety.MaxPlausibleCellMillivolts))
                    errors += "; " + Name(rule) + " limit " + rule.Limit + " mV lies outside the plausible cell range, so it could never trip";
            }

            return errors;
        }

        private static string CheckSafety(SafetyParameters s)
        {
            string errors = "";
            if (!(s.MinPlausibleCellMillivolts < s.MaxPlausibleCellMillivolts))
                errors += "; plausible cell range is empty";
            if (s.ThermistorRailCounts < 1 || s.ThermistorRailCounts > 500)
                errors += "; thermistor rail margin must be 1 to 500 counts";
            if (!(s.RatedChargeAmps > 0f) || !(s.RatedDischargeAmps > 0f))
                errors += "; rated charge and discharge currents must be above 0 A";
            if (!(s.PrechargeTargetRatio > 0.5f && s.PrechargeTargetRatio < 1f))
                errors += "; precharge target must be between 0.5 and 1 of the pack voltage";
            if (s.PrechargeTimeoutMs < 100 || s.PrechargeTimeoutMs > MaxDebounceMs)
                errors += "; precharge timeout must be 100 to " + MaxDebounceMs + " ms";
            if (s.PrechargeRetries < 0 || s.PrechargeRetries > 5)
                errors += "; precharge retries must be 0 to 5";
            if (s.WeldCurrentCheckMs < 0 || s.WeldVoltageCheckMs < s.WeldCurrentCheckMs || s.WeldVoltageCheckMs > MaxDebounceMs)
                errors += "; weld checks must satisfy 0 <= current check <= voltage check <= " + MaxDebounceMs + " ms";
            if (!(s.WeldVoltageRatio > 0f && s.WeldVoltageRatio < 1f))
                errors += "; weld voltage ratio must be between 0 and 1";
            if (s.CycleOverrunPeriods < 2 || s.CycleOverrunPeriods > 100)
                errors += "; cycle overrun must be 2 to 100 periods";
            if (s.WatchdogTimeoutMs < 50 || s.WatchdogTimeoutMs > MaxDebounceMs)
                errors += "; watchdog timeout must be 50 to " + MaxDebounceMs + " ms";
            return errors;
        }
    }
}
