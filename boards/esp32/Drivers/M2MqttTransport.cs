using System;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using nanoFramework.BMS.Esp32.Board;
using nanoFramework.BMS.Ports;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace nanoFramework.BMS.Esp32.Drivers
{
    /// <summary>
    /// The firmware's MQTT session over nanoFramework's M2Mqtt, with TLS. Called from the uplink
    /// thread only. M2Mqtt does not reconnect by itself, and this does not either: a lost
    /// session is reported by IsConnected, and the firmware's uplink loop reconnects with its
    /// backoff. Each connect builds a fresh client, so no thread or queue of a dead session is
    /// reused. Publishing blocks until a QoS 1 message is acknowledged (bounded by the timeout),
    /// as the port promises; received commands wait in a small ring until the firmware polls.
    /// </summary>
    public sealed class M2MqttTransport : IMqttTransport
    {
        /// <summary>Commands are rare and taken one per uplink pass; more than this waiting means a flood, and the newest are dropped.</summary>
        private const int ReceivedSlots = 4;

        /// <summary>M2Mqtt's in-flight queue is unbounded by default; the uplink has one message out at a time anyway.</summary>
        private const int InflightMessages = 4;

        private readonly BrokerSettings _broker;
        private readonly WifiStation _wifi;
        private readonly object _sync = new object();
        private readonly AutoResetEvent _acknowledged = new AutoResetEvent(false);
        private readonly byte[][] _received = new byte[ReceivedSlots][];
        private X509Certificate _caCertificate;
        private MqttClient _client;
        private bool _closed = true;
        private int _receivedHead;
        private int _receivedCount;
        private int _ackedId = -1;
        private bool _ackedOk;

        public M2MqttTransport(BrokerSettings broker, WifiStation wifi)
        {
            _broker = broker;
            _wifi = wifi;
        }

        public bool IsConnected
        {
            get
            {
                MqttClient client = _client;
                return client != null && !_closed && client.IsConnected;
            }
        }

        public bool Connect(string clientId, string willTopic, byte[] willPayload, int willLength, int keepAliveSeconds)
        {
            Disconnect();
            if (_broker.Host == null || _broker.Host.Length == 0 || !_wifi.EnsureConnected())
                return false;
            try
            {
                MqttClient client = new MqttClient(_broker.Host, _broker.Port, _broker.Tls, _broker.Tls ? CaCertificate() : null, null, _broker.Tls ? MqttSslProtocols.TLSv1_2 : MqttSslProtocols.None);
                client.Settings.InflightQueueSize = InflightMessages;
                client.MqttMsgPublishReceived += OnReceived;
                client.MqttMsgPublished += OnPublished;
                client.MqttMsgSubscribed += OnSubscribed;
                client.ConnectionClosed += OnClosed;
                MqttReasonCode code = client.Connect(
                    clientId,
                    _broker.User.Length == 0 ? null : _broker.User,
                    _broker.Password.Length == 0 ? null : _broker.Password,
                    true,
                    MqttQoSLevel.AtLeastOnce,
                    true,
                    willTopic,
                    Ascii(willPayload, willLength),
                    true,
                    (ushort)keepAliveSeconds);
                if (code != MqttReasonCode.Success)
                {
                    client.Close();
                    return false;
                }

                lock (_sync)
                {
                    _client = client;
                    _closed = false;
                    _receivedCount = 0;
                }

                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }

        public bool Publish(string topic, byte[] payload, int length, int qos, bool retain)
        {
            MqttClient client = _client;
            if (client == null || _closed)
                return false;
            try
            {
                // M2Mqtt keeps the array until the message is out; the firmware reuses its buffer at once.
                byte[] message = new byte[length];
                Array.Copy(payload, message, length);
                _acknowledged.Reset();
                ushort id = client.Publish(topic, message, null, null, qos == 0 ? MqttQoSLevel.AtMostOnce : MqttQoSLevel.AtLeastOnce, retain);

                // QoS 0 gets no acknowledgement: handed to M2Mqtt is as far as it can be followed.
                return qos == 0 || WaitForAcknowledgement(id);
            }
            catch (Exception)
            {
                return false;
            }
        }

        public bool Subscribe(string topic, int qos)
        {
            MqttClient client = _client;
            if (client == null || _closed)
                return false;
            try
            {
                _acknowledged.Reset();
                ushort id = client.Subscribe(new string[] { topic }, new MqttQoSLevel[] { qos == 0 ? MqttQoSLevel.AtMostOnce : MqttQoSLevel.AtLeastOnce });
                return WaitForAcknowledgement(id);
            }
            catch (Exception)
            {
                return false;
            }
        }

        public int Receive(byte[] buffer)
        {
            byte[] message;
            lock (_sync)
            {
                if (_receivedCount == 0)
                    return -1;
                message = _received[_receivedHead];
                _received[_receivedHead] = null;
                _receivedHead = (_receivedHead + 1) % ReceivedSlots;
                _receivedCount--;
            }

            Array.Copy(message, buffer, message.Length < buffer.Length ? message.Length : buffer.Length);
            return message.Length;
        }

        public void Disconnect()
        {
            MqttClient client;
            lock (_sync)
            {
                client = _client;
                _client = null;
                _closed = true;
            }

            if (client == null)
                return;
            try
            {
                if (client.IsConnected)
                    client.Disconnect();
                client.Close();
            }
            catch (Exception)
            {
                // Already gone.
            }
        }

        /// <summary>Waits for the PUBACK (or SUBACK) of this message id; false on timeout, refusal or a dead session.</summary>
        private bool WaitForAcknowledgement(ushort id)
        {
            long deadline = Environment.TickCount64 + _broker.TimeoutMs;
            while (!_closed)
            {
                lock (_sync)
                {
                    if (_ackedId == id)
                        return _ackedOk;
                }

                long left = deadline - Environment.TickCount64;
                if (left <= 0)
                    return false;
                _acknowledged.WaitOne((int)left, false);
            }

            return false;
        }

        private void OnPublished(object sender, MqttMsgPublishedEventArgs e)
        {
            Acknowledge(e.MessageId, e.IsPublished);
        }

        private void OnSubscribed(object sender, MqttMsgSubscribedEventArgs e)
        {
            bool granted = e.GrantedQoSLevels != null && e.GrantedQoSLevels.Length > 0 && (int)e.GrantedQoSLevels[0] <= 1;
            Acknowledge(e.MessageId, granted);
        }

        private void Acknowledge(ushort id, bool ok)
        {
            lock (_sync)
            {
                _ackedId = id;
                _ackedOk = ok;
            }

            _acknowledged.Set();
        }

        private void OnReceived(object sender, MqttMsgPublishEventArgs e)
        {
            lock (_sync)
            {
                if (_receivedCount == ReceivedSlots || e.Message == null)
                    return;
                _received[(_receivedHead + _receivedCount) % ReceivedSlots] = e.Message;
                _receivedCount++;
            }
        }

        private void OnClosed(object sender, EventArgs e)
        {
            _closed = true;
            _acknowledged.Set();
        }

        /// <summary>The broker's CA from I:\ (PEM or DER), read once; null when there is none.</summary>
        private X509Certificate CaCertificate()
        {
            if (_caCertificate != null || _broker.CaCertificateFile == null || _broker.CaCertificateFile.Length == 0)
                return _caCertificate;
            try
            {
                byte[] file = File.ReadAllBytes(_broker.CaCertificateFile);

                // mbedTLS parses PEM only with its terminating zero, which a file does not carry.
                byte[] terminated = new byte[file.Length + 1];
                Array.Copy(file, terminated, file.Length);
                _caCertificate = new X509Certificate(terminated);
            }
            catch (Exception)
            {
                _caCertificate = null;
            }

            return _caCertificate;
        }

        private static string Ascii(byte[] bytes, int length)
        {
            char[] chars = new char[length];
            for (int i = 0; i < length; i++)
                chars[i] = (char)bytes[i];
            return new string(chars);
        }
    }
}
