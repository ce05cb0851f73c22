using nanoFramework.BMS.Estimation;
using nanoFramework.BMS.Uplink.Encoding;

namespace nanoFramework.BMS.Uplink
{
    /// <summary>
    /// The "battery" entry of telemetry (docs/mqtt.md): state of charge of the pack and of its
    /// weakest and strongest cell, state of health with its capacity and resistance, remaining
    /// energy, time to empty or full, and the current limits published to chargers and inverters.
    /// The estimates are null until there is one (no valid cell reading since start-up).
    /// </summary>
    public static class BatteryFields
    {
        public const int Entries = 11;

        /// <summary>Worst-case bytes of the entry in JSON (CBOR is smaller).</summary>
        public const int MaxBytes = 320;

        public static void Write(PayloadWriter w, StateEstimator e)
        {
            bool known = e.HasEstimate;
            w.Key("battery");
            w.BeginMap(Entries);
            Percent(w, "socPct", known, e.Soc);
            Percent(w, "socMinPct", known, e.SocMin);
            Percent(w, "socMaxPct", known, e.SocMax);
            Percent(w, "sohPct", true, e.StateOfHealth);
            w.Key("capacityAh");
            w.Decimal(e.Capacity.CapacityAh, 3);
            w.Key("resistanceMohm");
            w.Decimal(e.ResistanceOhms * 1000f, 2);
            w.Key("energyWh");
            if (known)
                w.Decimal(e.Range.RemainingWh, 1);
            else
                w.Null();
            Seconds(w, "toEmptyS", known, e.Range.ToEmptySeconds);
            Seconds(w, "toFullS", known, e.Range.ToFullSeconds);
            w.Key("chargeLimitA");
            w.Decimal(e.ChargeLimitAmps, 2);
            w.Key("dischargeLimitA");
            w.Decimal(e.DischargeLimitAmps, 2);
            w.EndMap();
        }

        private static void Percent(PayloadWriter w, string key, bool known, float fraction)
        {
            w.Key(key);
            if (known)
                w.Decimal(fraction * 100f, 1);
            else
                w.Null();
        }

        private static void Seconds(PayloadWriter w, string key, bool known, int seconds)
        {
            w.Key(key);
            if (known && seconds >= 0)
                w.Int(seconds);
            else
                w.Null();
        }
    }
}
