namespace nanoFramework.BMS.Ports
{
    /// <summary>Pack current and pack voltage from one shunt monitor (an INA219 on the reference boards).</summary>
    public interface ICurrentSensor
    {
        /// <summary>
        /// Reads one measurement. Current is positive while charging. Anything but Ok means the
        /// outputs are not fresh; the firmware treats a run of those as a lost sensor.
        /// </summary>
        CurrentSensorStatus Read(out float packAmps, out float packMillivolts);
    }
}
