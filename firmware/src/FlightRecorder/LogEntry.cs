namespace nanoFramework.BMS.FlightRecorder
{
    /// <summary>
    /// One flight-recorder entry. Fault entries carry a snapshot of the pack at the trip: every
    /// cell, every sensor, the current and the state, so "why did it open last night" has an answer.
    /// </summary>
    public sealed class LogEntry
    {
        public int Sequence;
        public long TimeMs;
        public EventKind Kind;

        /// <summary>Fault code, contactor state, config change count... depending on Kind.</summary>
        public int Code;

        /// <summary>Fault value (in the fault's unit) or other number, 0 when none.</summary>
        public float Value;
        public int Index;

        public bool HasSnapshot;
        public readonly short[] CellMillivolts = new short[16];
        public readonly short[] DeciCelsius = new short[8];
        public int CellCount;
        public int ThermistorCount;
        public int Milliamps;
        public int PackMillivolts;
        public int Flags;
    }
}
