using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Contactor;
using nanoFramework.BMS.Ports;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Protection;
using nanoFramework.BMS.Estimation;

namespace nanoFramework.BMS.Uplink
{
    /// <summary>
    /// The IUplink port's side (docs/telemetry.md): the same messages as the MQTT uplink's, in
    /// samples mode and JSON (docs/mqtt.md), written by the same producer and composers, and
    /// handed to the port in the control cycle that writes them. No session, status, commands or
    /// store-and-forward: a message the port refuses is counted and dropped.
    /// </summary>
    public sealed class LocalUplink
    {
        public readonly string TelemetryTopic;
        public readonly string AlertTopic;

        private readonly IUplink _port;
        private readonly TelemetryProducer _producer;
        private readonly MessageQueue _telemetryQueue;
        private readonly MessageQueue _alertQueue;
        private int _rejected;

        public LocalUplink(PackProfile profile, IUplink port, StateEstimator estimator, long nowMs)
        {
            _port = port;
            string packId = profile.PackId;
            UplinkSettings settings = new UplinkSettings();
            settings.Mode = TelemetryMode.Samples;
            settings.Format = PayloadFormat.Json;
            TelemetryTopic = settings.TopicPrefix + packId + "/telemetry";
            AlertTopic = settings.TopicPrefix + packId + "/alert";

            MessageFields fields = new MessageFields();
            TelemetryComposer telemetry = new TelemetryComposer(packId, profile.CellCount, profile.ThermistorCount, estimator, fields, TelemetryMode.Samples);
            EventComposer events = new EventComposer(packId, fields);

            // One slot each: every message leaves in the cycle that wrote it.
            _telemetryQueue = new MessageQueue(1, MqttUplink.TelemetrySlotBytes(profile.CellCount, profile.ThermistorCount, TelemetryProducer.BatchSamples(profile.SampleRateHz), settings));
            _alertQueue = new MessageQueue(1, MqttUplink.AlertSlotBytes(events, PayloadFormat.Json));
            _producer = new TelemetryProducer(profile.CellCount, profile.ThermistorCount, profile.CellCalibration, profile.SampleRateHz, settings,
                telemetry, events, _telemetryQueue, _alertQueue, nowMs);
        }

        public int TelemetrySequence
        {
            get { return _producer.TelemetrySequence; }
        }

        public int AlertSequence
        {
            get { return _producer.AlertSequence; }
        }

        /// <summary>Messages the port refused since start-up.</summary>
        public int Rejected
        {
            get { return _rejected; }
        }

        public void OnSample(Sample sample, int flags, long nowMs, ContactorState contactor, int latchedFaults)
        {
            int sequence = _producer.TelemetrySequence;
            _producer.OnSample(sample, flags, nowMs, contactor, latchedFaults);
            if (_producer.TelemetrySequence != sequence)
                HandOver(_telemetryQueue);
        }

        public void OnAlert(FaultRecord fault, ContactorState contactor, int latchedFaults)
        {
            _producer.OnAlert(fault, contactor, latchedFaults);
            HandOver(_alertQueue);
        }

        private void HandOver(MessageQueue queue)
        {
            byte[] payload;
            int length;
            byte kind;
            while (queue.Peek(out payload, out length, out kind))
            {
                if (!_port.Publish(kind == MessageKind.Alert ? AlertTopic : TelemetryTopic, payload, length))
                    _rejected++;
                queue.Complete(true);
            }
        }
    }
}
