namespace nanoFramework.BMS.Telemetry
{
    /// <summary>Per-sample state bits in telemetry. Part of the uplink format: only add bits.</summary>
    public static class SampleFlags
    {
        public const int ContactorClosed = 1;
        public const int FaultLatched = 2;
        public const int CurrentValid = 4;
        public const int CellsValid = 8;
        public const int TemperaturesValid = 16;

        /// <summary>An operating-tier limit is active: currents are derated.</summary>
        public const int Warning = 32;

        /// <summary>A recommended-tier limit is active: zero current requested.</summary>
        public const int Alarm = 64;
    }
}
