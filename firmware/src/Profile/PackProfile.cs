using nanoFramework.BMS.Acquisition;

namespace nanoFramework.BMS.Profile
{
    /// <summary>Everything that describes one pack: its cells, its sensors, its sampling and its limit table.</summary>
    public sealed class PackProfile
    {
        public const int MinCells = 1;
        public const int MaxCells = 16;
        public const int MinThermistors = 1;
        public const int MaxThermistors = 8;
        public const int MinSampleRateHz = 10;
        public const int MaxSampleRateHz = 100;
        public const int MaxDebounceMs = 10000;

        public string PackId = "pack1";
        public Chemistry Chemistry;
        public int CellCount;
        public int ThermistorCount;
        public float CapacityAh;
        public int SampleRateHz;

        /// <summary>Above this current the pack counts as charging (charge temperature limits apply), A.</summary>
        public float ChargeDetectAmps = 0.05f;

        /// <summary>Counts-to-millivolts calibration of each cell channel, one per cell.</summary>
        public ChannelCalibration[] CellCalibration;

        /// <summary>The limit table: every threshold, hysteresis and debounce of this pack.</summary>
        public LimitRule[] Limits;

        public int PeriodMs
        {
            get { return 1000 / SampleRateHz; }
        }

        /// <summary>Returns null when the profile can run, else one message listing every violation.</summary>
        public string Validate()
        {
            string errors = "";
            if (CellCount < MinCells || CellCount > MaxCells)
                errors += "; cells in series must be " + MinCells + " to " + MaxCells + ", got " + CellCount;
            if (ThermistorCount < MinThermistors || ThermistorCount > MaxThermistors)
                errors += "; thermistors must be " + MinThermistors + " to " + MaxThermistors + ", got " + ThermistorCount;
            if (SampleRateHz < MinSampleRateHz || SampleRateHz > MaxSampleRateHz)
                errors += "; sample rate must be " + MinSampleRateHz + " to " + MaxSampleRateHz + " Hz, got " + SampleRateHz;
            if (!(CapacityAh > 0f))
                errors += "; capacity must be above 0 Ah";
            if (CellCalibration == null || CellCalibration.Length != CellCount)
                errors += "; one cell calibration per cell is required";
            if (Limits == null || Limits.Length == 0)
            {
                errors += "; the limit table is empty";
            }
            else
            {
                for (int i = 0; i < Limits.Length; i++)
                {
                    LimitRule rule = Limits[i];
                    string name = FaultNames.Name(rule.Fault);
                    if (rule.TripValue == rule.ClearValue)
                        errors += "; " + name + ": clear value must differ from trip value (hysteresis)";
                    if (rule.DebounceMs < 0 || rule.DebounceMs > MaxDebounceMs)
                        errors += "; " + name + ": debounce must be 0 to " + MaxDebounceMs + " ms, got " + rule.DebounceMs;
                    for (int j = 0; j < i; j++)
                    {
                        if (Limits[j].Fault == rule.Fault)
                            errors += "; " + name + " appears twice in the limit table";
                    }
                }
            }

            return errors.Length == 0 ? null : "invalid pack profile: " + errors.Substring(2);
        }
    }
}
