using nanoFramework.BMS.Contactor;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Protection;
using nanoFramework.BMS.Uplink.Commands;
using nanoFramework.BMS.Uplink.Encoding;

namespace nanoFramework.BMS.Uplink
{
    /// <summary>The small messages: alerts, status (birth and will) and command acks, schema version 2.</summary>
    public sealed class EventComposer
    {
        /// <summary>
        /// Every trip is a contactor-opening fault today. The safety layer's tiers (warning,
        /// alarm) will pass their tier here; the field exists so the format does not change then.
        /// </summary>
        /// <summary>Alerts are sent for latched faults, which are maximum-tier trips; warnings and alarms travel in telemetry.</summary>
        public const string TierMaximum = "maximum";

        private readonly string _packId;
        private readonly MessageFields _fields;

        /// <summary>
        /// Keeps nothing that changes: one composer serves both threads (alerts from the control
        /// cycle, status and acks from the uplink thread), each with its own writer and buffer.
        /// The fields are shared with the telemetry composer for the same reason.
        /// </summary>
        public EventComposer(string packId, MessageFields fields)
        {
            _packId = packId;
            _fields = fields;
        }

        public void WriteAlert(PayloadWriter w, FaultRecord fault, int messageSequence, ContactorState contactor, int latchedFaults)
        {
            w.BeginMap(fault.Detail == null ? 13 : 14);
            _fields.Envelope(w, _packId);
            w.Key("seq");
            w.Int(messageSequence);
            w.Key("fault");
            w.Text(FaultNames.Name(fault.Id));
            w.Key("code");
            w.Int((int)fault.Id);
            w.Key("tier");
            w.Text(TierMaximum);
            w.Key("critical");
            w.Bool(FaultNames.IsCritical(fault.Id));
            w.Key("value");
            w.Decimal(fault.Value, 3);
            w.Key("unit");
            w.Text(fault.Unit);
            w.Key("index");
            w.Int(fault.Index);
            w.Key("tMs");
            w.Int(fault.TimeMs);
            if (fault.Detail != null)
            {
                w.Key("detail");
                w.Text(fault.Detail);
            }
            _fields.State(w, contactor, latchedFaults);
            w.EndMap();
        }

        /// <summary>The retained will: what the broker publishes on status when the session dies.</summary>
        public void WriteOffline(PayloadWriter w)
        {
            w.BeginMap(3);
            _fields.Envelope(w, _packId);
            w.Key("state");
            w.Text("offline");
            w.EndMap();
        }

        public void WriteStatus(PayloadWriter w, UplinkStatus s)
        {
            w.BeginMap(19);
            _fields.Envelope(w, _packId);
            w.Key("state");
            w.Text("online");
            w.Key("tMs");
            w.Int(s.TimeMs);
            w.Key("telemetrySeq");
            w.Int(s.TelemetrySequence);
            w.Key("alertSeq");
            w.Int(s.AlertSequence);
            w.Key("dropped");
            w.Int(s.TelemetryDropped);
            w.Key("alertsDropped");
            w.Int(s.AlertsDropped);
            w.Key("queued");
            w.Int(s.Queued);
            w.Key("format");
            w.Text(s.Format == PayloadFormat.Cbor ? "cbor" : "json");
            w.Key("mode");
            w.Text(s.Mode == TelemetryMode.Aggregate ? TelemetryComposer.ModeAggregate : TelemetryComposer.ModeSamples);
            w.Key("intervalMs");
            w.Int(s.IntervalMs);
            w.Key("connects");
            w.Int(s.Connects);
            w.Key("cmdRejected");
            w.Int(s.CommandsRejected);
            w.Key("lastReject");
            if (s.LastRejectReason == null)
                w.Null();
            else
                w.Text(s.LastRejectReason);
            w.Key("socPct");
            if (s.HasEstimate)
                w.Decimal(s.SocPercent, 1);
            else
                w.Null();
            w.Key("sohPct");
            if (s.HasEstimate)
                w.Decimal(s.SohPercent, 1);
            else
                w.Null();
            _fields.State(w, s.Contactor, s.LatchedFaults);
            w.EndMap();
        }

        public void WriteAck(PayloadWriter w, Command command, long timeMs, ContactorState contactor, int latchedFaults)
        {
            w.BeginMap(10);
            _fields.Envelope(w, _packId);
            w.Key("id");
            if (command.IdLength > 0)
                w.Text(command.Id, 0, command.IdLength);
            else
                w.Null();
            w.Key("cmd");
            if (command.NameLength > 0)
                w.Text(command.Name, 0, command.NameLength);
            else
                w.Null();
            w.Key("result");
            w.Text(command.Reason == null ? "accepted" : "rejected");
            w.Key("reason");
            if (command.Reason == null)
                w.Null();
            else
                w.Text(command.Reason);
            w.Key("counter");
            if (command.HasCounter)
                w.Int(command.Counter);
            else
                w.Null();
            w.Key("tMs");
            w.Int(timeMs);
            _fields.State(w, contactor, latchedFaults);
            w.EndMap();
        }
    }
}
