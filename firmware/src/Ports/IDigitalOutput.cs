namespace nanoFramework.BMS.Ports
{
    /// <summary>One driven output: a contactor coil or the precharge relay. false is the de-energised, safe state.</summary>
    public interface IDigitalOutput
    {
        void Write(bool energised);
    }
}
