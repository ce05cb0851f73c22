namespace nanoFramework.BMS.Ports
{
    /// <summary>How a current-sensor read ended. The names go into the fault detail, so a technician sees the cause.</summary>
    public enum CurrentSensorStatus
    {
        Ok = 0,

        /// <summary>The device did not acknowledge its address.</summary>
        NoAcknowledge = 1,

        /// <summary>The bus transfer timed out (clock stretched, bus held).</summary>
        Timeout = 2,

        /// <summary>Fewer bytes arrived than asked for.</summary>
        ShortRead = 3,

        /// <summary>Any other bus error.</summary>
        BusError = 4,

        /// <summary>The device answered but has no new conversion since the last read.</summary>
        NotUpdated = 5,
    }
}
