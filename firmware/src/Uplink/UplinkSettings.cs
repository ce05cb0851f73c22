namespace nanoFramework.BMS.Uplink
{
    /// <summary>
    /// How this device talks to its broker: provisioning data the board reads at start-up (from
    /// its storage or build), not part of the pack profile. Broker address, user, password and
    /// TLS belong to the board's transport, never to the firmware.
    /// </summary>
    public sealed class UplinkSettings
    {
        /// <summary>Topics are TopicPrefix + pack id + "/telemetry" and so on.</summary>
        public string TopicPrefix = "bms/";

        /// <summary>The device id in signed commands and the MQTT client id; the pack id when null.</summary>
        public string DeviceId;

        public PayloadFormat Format = PayloadFormat.Json;
        public TelemetryMode Mode = TelemetryMode.Samples;

        /// <summary>0 or 1. Alerts, acks and status always go at QoS 1.</summary>
        public int TelemetryQos;

        /// <summary>Telemetry messages kept while offline. Each slot holds one message of at most MaxMessageBytes.</summary>
        public int TelemetrySlots = 8;

        /// <summary>Alerts kept while offline before they take telemetry slots.</summary>
        public int AlertSlots = 16;

        /// <summary>Per-device key for HMAC-SHA256 of commands; null refuses every signed command.</summary>
        public byte[] CommandKey;

        /// <summary>Publish Home Assistant discovery configs on connect (JSON format only).</summary>
        public bool HomeAssistantDiscovery;

        public string HomeAssistantPrefix = "homeassistant/";

        public int KeepAliveSeconds = 30;

        /// <summary>Reconnect delay: doubles from the first to the cap, with jitter.</summary>
        public int ReconnectFirstDelayMs = 1000;
        public int ReconnectMaxDelayMs = 60000;

        /// <summary>Messages published per Service call, so one call never runs for long.</summary>
        public int MaxPublishesPerService = 16;

        /// <summary>Pause between Service calls in RunLoop, in real time.</summary>
        public int LoopSleepMs = 20;

        public const int MaxSlots = 1000;
        public const int MinCommandKeyBytes = 16;
        public const int MaxCommandKeyBytes = 64;

        /// <summary>Returns "" when the settings can run, else "; "-separated violations (as the profile's validation).</summary>
        public string Check()
        {
            string errors = "";
            if (TopicPrefix == null || TopicPrefix.Length > 32)
                errors += "; uplink topic prefix must be at most 32 characters";
            if (TelemetryQos < 0 || TelemetryQos > 1)
                errors += "; uplink telemetry QoS must be 0 or 1";
            if (TelemetrySlots < 1 || TelemetrySlots > MaxSlots || AlertSlots < 1 || AlertSlots > MaxSlots)
                errors += "; uplink telemetry and alert slots must be 1 to " + MaxSlots;
            if (CommandKey != null && (CommandKey.Length < MinCommandKeyBytes || CommandKey.Length > MaxCommandKeyBytes))
                errors += "; uplink command key must be " + MinCommandKeyBytes + " to " + MaxCommandKeyBytes + " bytes";
            if (KeepAliveSeconds < 5 || KeepAliveSeconds > 3600)
                errors += "; uplink keep-alive must be 5 to 3600 s";
            if (ReconnectFirstDelayMs < 100 || ReconnectMaxDelayMs < ReconnectFirstDelayMs || ReconnectMaxDelayMs > 3600000)
                errors += "; uplink reconnect delays must satisfy 100 <= first <= max <= 3600000 ms";
            return errors;
        }
    }
}
