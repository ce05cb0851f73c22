namespace nanoFramework.BMS.Esp32.Board
{
    /// <summary>
    /// The MQTT broker and the WiFi network in front of it: the transport's business, never the
    /// firmware's (which only knows topics, formats and the command key). Provisioned per site in
    /// I:\board.ini; the defaults are placeholders that connect nowhere.
    /// </summary>
    public sealed class BrokerSettings
    {
        public string WifiSsid = "";
        public string WifiPassword = "";

        /// <summary>Empty: no broker, the uplink keeps retrying with backoff and the pack runs without it.</summary>
        public string Host = "";

        /// <summary>8883 is MQTT over TLS, 1883 plain.</summary>
        public int Port = 8883;
        public bool Tls = true;
        public string User = "";
        public string Password = "";

        /// <summary>PEM file on I:\ with the CA that signed the broker's certificate; empty uses none (not recommended with TLS).</summary>
        public string CaCertificateFile = "I:\\ca.pem";

        /// <summary>How long a connect, subscribe or QoS 1 publish may block the uplink thread.</summary>
        public int TimeoutMs = 5000;
    }
}
