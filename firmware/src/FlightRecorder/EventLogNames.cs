namespace nanoFramework.BMS.FlightRecorder
{
    /// <summary>
    /// The blob names of the flight recorder's 64 slots, as literals. Built at run time ("log." +
    /// slot) each was a string with its text on the heap; a literal's text stays in the assembly
    /// (flash on the ESP32), and the heap holds only its string header and the reference.
    /// Appending must not allocate, so the names cannot be built when needed either.
    /// </summary>
    public static class EventLogNames
    {
        public static readonly string[] Slot =
        {
            "log.00", "log.01", "log.02", "log.03", "log.04", "log.05", "log.06", "log.07",
            "log.08", "log.09", "log.10", "log.11", "log.12", "log.13", "log.14", "log.15",
            "log.16", "log.17", "log.18", "log.19", "log.20", "log.21", "log.22", "log.23",
            "log.24", "log.25", "log.26", "log.27", "log.28", "log.29", "log.30", "log.31",
            "log.32", "log.33", "log.34", "log.35", "log.36", "log.37", "log.38", "log.39",
            "log.40", "log.41", "log.42", "log.43", "log.44", "log.45", "log.46", "log.47",
            "log.48", "log.49", "log.50", "log.51", "log.52", "log.53", "log.54", "log.55",
            "log.56", "log.57", "log.58", "log.59", "log.60", "log.61", "log.62", "log.63",
        };
    }
}
