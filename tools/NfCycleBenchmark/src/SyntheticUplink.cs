using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.Benchmark
{
    /// <summary>
    /// Accepts every message, folds it into the checksum and counts it; keeps no copy. The local
    /// uplink port, and the broker side of SyntheticMqtt.
    /// </summary>
    public sealed class SyntheticUplink : IUplink
    {
        private readonly OutputChecksum _checksum;

        /// <summary>Set once the firmware exists: it owns the topic strings it publishes with.</summary>
        public string TelemetryTopic;

        public int Messages;
        public int TelemetryMessages;
        public long Bytes;

        public SyntheticUplink(OutputChecksum checksum)
        {
            _checksum = checksum;
        }

        public bool Publish(string topic, byte[] payload, int length)
        {
            // Reference comparison: the firmware publishes its own preallocated topic strings.
            if ((object)topic == (object)TelemetryTopic)
                TelemetryMessages++;
            Messages++;
            Bytes += length;
            _checksum.Add((byte)topic.Length);
            _checksum.Add(payload, length);
            return true;
        }
    }
}
