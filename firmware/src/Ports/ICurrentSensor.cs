namespace nanoFramework.BMS.Ports
{
    /// <summary>Pack current and pack voltage from one shunt monitor (an INA219 on the reference boards).</summary>
    public interface ICurrentSensor
    {
        /// <summary>
        /// Reads one measurement. Current is positive while charging. Returns false when the sensor
        /// did not answer (bus error, no acknowledge, timeout): the firmware treats that as a lost sensor.
        /// </summary>
        bool TryRead(out float packAmps, out float packMillivolts);
    }
}
