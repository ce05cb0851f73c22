using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.Benchmark
{
    /// <summary>
    /// A broker that is always there: every publish is accepted and handed to Broker, which counts
    /// it and folds it into the checksum as the local uplink port does; nothing is ever received.
    /// Keeps no copy and allocates nothing, so the uplink thread's passes can be counted like the
    /// control cycle.
    /// </summary>
    public sealed class SyntheticMqtt : IMqttTransport
    {
        /// <summary>What the broker received; its TelemetryTopic is set once the firmware exists.</summary>
        public readonly SyntheticUplink Broker;

        public int Connects;

        public SyntheticMqtt(OutputChecksum checksum)
        {
            Broker = new SyntheticUplink(checksum);
        }

        public int Messages
        {
            get { return Broker.Messages; }
        }

        public int TelemetryMessages
        {
            get { return Broker.TelemetryMessages; }
        }

        public long Bytes
        {
            get { return Broker.Bytes; }
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
            return Broker.Publish(topic, payload, length);
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
