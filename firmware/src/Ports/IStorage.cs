namespace nanoFramework.BMS.Ports
{
    /// <summary>Named blobs that survive a power cycle (files on I:\ on the ESP32).</summary>
    public interface IStorage
    {
        /// <summary>Copies the blob into buffer and returns its length, or -1 when it does not exist.</summary>
        int Read(string name, byte[] buffer);

        /// <summary>Replaces the blob; returns false when the write failed.</summary>
        bool Write(string name, byte[] buffer, int length);
    }
}
