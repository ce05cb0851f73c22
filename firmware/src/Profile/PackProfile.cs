using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Estimation;

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

        public string PackId = "pack1";
        public Chemistry Chemistry;
        public int CellCount;
        public int ThermistorCount;
        public float CapacityAh;
        public int SampleRateHz;

        /// <summary>Counts-to-millivolts calibration of each cell channel, one per cell.</summary>
        public ChannelCalibration[] CellCalibration;

        /// <summary>Counts-to-millivolts of the load-side (link) voltage channel, behind a divider to about 100 V.</summary>
        public ChannelCalibration LinkCalibration = new ChannelCalibration(100000f / ChannelCalibration.FullScaleCounts, 0f);

        /// <summary>What the current sensor reads with no current flowing, A; subtracted from every reading (`calibrate current zero`).</summary>
        public float CurrentOffsetAmps;

        /// <summary>The limit table: every tier, hysteresis and debounce of this pack.</summary>
        public LimitRule[] Limits;

        /// <summary>The limit table's scalars: plausibility, sequencing and fail-safe timing.</summary>
        public SafetyParameters Safety = new SafetyParameters();

        /// <summary>The state estimators' tunables: rest, noise, resistances, taper, save period.</summary>
        public EstimationParameters Estimation = new EstimationParameters();

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
            if (PackId == null || PackId.Length == 0 || PackId.Length > 32)
                errors += "; pack id must be 1 to 32 characters";
            if (Chemistry != Chemistry.Nmc && Chemistry != Chemistry.Lfp)
                errors += "; chemistry must be nmc or lfp";
            if (CurrentOffsetAmps > 5f || CurrentOffsetAmps < -5f)
                errors += "; current zero offset must be within 5 A";
            errors += LimitTableRules.Check(Limits, Safety, SampleRateHz < 1 ? 1000 : 1000 / SampleRateHz);
            errors += Estimation == null ? "; estimation parameters are missing" : Estimation.Check(CapacityAh);
            return errors.Length == 0 ? null : "invalid pack profile: " + errors.Substring(2);
        }
    }
}
