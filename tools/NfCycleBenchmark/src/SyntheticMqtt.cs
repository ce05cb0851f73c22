using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.Benchmark
{
    /// <summary>
    /// A broker that is always there: every publish is accepted, folded into the checksum and
    /// counted; nothing is ever received. Keeps no copy and allocates nothing, so the uplink
    /// thread's passes can be counted like the control cycle.
    /// </summary>
    public sealed class SyntheticMqtt : IMqttTransport
    {
        private readonly OutputChecksum _checksum;

        /// <summary>Set once the firmware exists: the uplink owns the topic strings it publishes with.</summary>
        public string TelemetryTopic;

        public int Messages;
        public int TelemetryMessages;
        public long Bytes;
        public int Connects;

        public SyntheticMqtt(OutputChecksum checksum)
        {
            _checksum = checksum;
        }

        public bool IsConnected
        {
            get { return true; }
        }

        public bool Connect(string clientId, string willTopic, byte[] willPayload, int willLength, int keepAliveSeconds)
        {
            Connects++;
            return true;
        }

        public bool Publish(string topic, byte[] payload, int length, int qos, bool retain)
        {
            // Reference comparison: the uplink publishes its own preallocated topic strings.
            if ((object)topic == (object)TelemetryTopic)
                TelemetryMessages++;
            Messages++;
            Bytes += length;
            _checksum.Add((byte)topic.Length);
            _checksum.Add(payload, length);
            return true;
        }

        public bool Subscribe(string topic, int qos)
        {
            return true;
        }

        public int Receive(byte[] buffer)
        {
            return -1;
        }

        public void Disconnect()
        {
        }
    }
}
