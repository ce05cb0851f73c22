namespace nanoFramework.BMS.Ports
{
    /// <summary>
    /// One MQTT 3.1.1 session to the broker (M2Mqtt on the ESP32, MQTTnet on the simulator). The
    /// broker's address, credentials and TLS are the board's; the firmware only says what to send.
    /// Called from the uplink thread only, never from the control cycle, so calls may block for
    /// the network (bounded by the implementation's timeouts). Implementations do not throw;
    /// the firmware still guards every call.
    /// </summary>
    public interface IMqttTransport
    {
        /// <summary>
        /// Opens a clean session with a retained QoS 1 will on willTopic. Returns true once the
        /// broker accepted the connection.
        /// </summary>
        bool Connect(string clientId, string willTopic, byte[] willPayload, int willLength, int keepAliveSeconds);

        /// <summary>False as soon as the implementation knows the session is gone.</summary>
        bool IsConnected { get; }

        /// <summary>
        /// Publishes length bytes of payload at QoS 0 or 1. Returns true when the message left
        /// (QoS 0) or the broker acknowledged it (QoS 1); false leaves the message with the firmware.
        /// The payload buffer is reused after the call returns.
        /// </summary>
        bool Publish(string topic, byte[] payload, int length, int qos, bool retain);

        bool Subscribe(string topic, int qos);

        /// <summary>
        /// Takes the oldest received message on a subscribed topic. Copies at most buffer.Length
        /// bytes and returns the message's full length (larger than the buffer when it was cut),
        /// or -1 when nothing is waiting.
        /// </summary>
        int Receive(byte[] buffer);

        void Disconnect();
    }
}
