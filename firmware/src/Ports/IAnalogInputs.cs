namespace nanoFramework.BMS.Ports
{
    /// <summary>Raw ADC counts per channel; scaling and calibration are the firmware's job.</summary>
    public interface IAnalogInputs
    {
        /// <summary>Counts of the channel, or a negative number when the conversion failed.</summary>
        int ReadCounts(int channel);
    }
}
