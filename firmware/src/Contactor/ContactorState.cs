namespace nanoFramework.BMS.Contactor
{
    /// <summary>The contactor sequence. The numbers are part of the uplink format.</summary>
    public enum ContactorState
    {
        Open = 0,
        Closed = 1,

        /// <summary>Precharge relay on, main off, waiting for the load side to charge.</summary>
        Precharging = 2,

        /// <summary>Both off, watching that current stops and the load side falls (weld detection).</summary>
        Opening = 3,
    }
}
