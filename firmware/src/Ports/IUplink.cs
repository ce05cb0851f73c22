namespace nanoFramework.BMS.Ports
{
    /// <summary>
    /// Hands a message to the uplink. The implementation copies the bytes before returning: the
    /// firmware reuses the buffer for the next message. Must not block the control cycle.
    /// </summary>
    public interface IUplink
    {
        /// <summary>Returns false when the message could not be queued.</summary>
        bool Publish(string topic, byte[] payload, int length);
    }
}
