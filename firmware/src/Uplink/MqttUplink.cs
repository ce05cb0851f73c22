using nanoFramework.BMS.Contactor;
using System;
using System.Threading;
using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Ports;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Protection;
using nanoFramework.BMS.Uplink.Commands;
using nanoFramework.BMS.Uplink.Encoding;

namespace nanoFramework.BMS.Uplink
{
    /// <summary>
    /// The MQTT uplink (docs/mqtt.md). Two threads meet here, only through locked queues and the
    /// command mailbox:
    /// - the control cycle calls OnCycle and OnAlert: the TelemetryProducer batches and encodes
    ///   into the telemetry ring and the alert queue, the CommandExecutor runs a verified command.
    /// - the board's uplink thread calls Service (or RunLoop): connect with backoff, publish the
    ///   backlog oldest first, receive, parse and verify commands, publish acks and status.
    /// Everything is allocated here, at start-up; nothing from the network can throw out of it.
    /// </summary>
    public sealed class MqttUplink
    {
        /// <summary>Every message stays under 8 KB, the target and a comfortable M2Mqtt buffer.</summary>
        public const int MaxMessageBytes = 8000;

        /// <summary>Commands are small; anything bigger is refused unread.</summary>
        public const int MaxCommandBytes = 1024;

        /// <summary>
        /// Characters of an alert's detail text (an exception type, a cause, a configuration
        /// problem) its slot leaves room for, in JSON and in CBOR; an alert with a longer one is
        /// dropped and counted (the flight recorder and the console keep it).
        /// </summary>
        public const int JsonAlertDetailCharacters = 230;
        public const int CborAlertDetailCharacters = 180;

        /// <summary>The longest unit a fault is latched with (FaultStore's list: "", "mV", "degC", "A", "degC/s", "ms", "flag").</summary>
        private const string LongestFaultUnit = "degC/s";

        public readonly string TelemetryTopic;
        public readonly string AlertTopic;
        public readonly string StatusTopic;
        public readonly string CommandTopic;
        public readonly string AckTopic;

        private readonly IMqttTransport _transport;
        private readonly IClock _clock;
        private readonly UplinkSettings _settings;
        private readonly string _deviceId;
        private readonly Estimation.StateEstimator _estimator;

        // Control-cycle side.
        private readonly TelemetryProducer _producer;
        private readonly CommandExecutor _executor;
        private readonly MessageQueue _telemetryQueue;
        private readonly MessageQueue _alertQueue;

        // Written by the cycle, read by the uplink thread for status: single words, and a value
        // one cycle old is harmless there.
        private ContactorState _contactor;
        private int _latchedFaults;

        // Uplink-thread side.
        private readonly CommandMailbox _mailbox = new CommandMailbox();

        // The uplink thread's one work buffer: a received command is parsed and verified in it
        // (the Command keeps copies of what it needs), and only then is anything else written
        // there: status, discovery. One kilobyte instead of two on a small heap.
        private readonly byte[] _buffer = new byte[MaxCommandBytes];
        private readonly JsonCommandReader _jsonReader = new JsonCommandReader();
        private readonly CborCommandReader _cborReader = new CborCommandReader();
        private readonly CommandVerifier _verifier;
        private readonly EventComposer _events;
        private readonly JsonPayloadWriter _jsonWriter = new JsonPayloadWriter();
        private readonly CborPayloadWriter _cborWriter = new CborPayloadWriter();
        private readonly byte[] _will;
        private readonly int _willLength;
        private readonly UplinkStatus _status = new UplinkStatus();
        private readonly ReconnectBackoff _backoff;
        private readonly HomeAssistantDiscovery _discovery;
        private bool _sessionUp;
        private long _nextAttemptMs;
        private int _connects;
        private int _commandsRejected;
        private int _commandsReceived;
        private string _lastReject;
        private int _droppedReported = -1;
        private bool _backlogAfterConnect;
        private bool _statusRequested;
        private bool _stop;

        public MqttUplink(PackController controller, IMqttTransport transport, IClock clock, IStorage storage, UplinkSettings settings)
        {
            _transport = transport;
            _clock = clock;
            _settings = settings;
            _estimator = controller.Estimator;
            PackProfile profile = controller.Profile;
            string packId = profile.PackId;
            _deviceId = settings.DeviceId == null ? packId : settings.DeviceId;
            string root = settings.TopicPrefix + packId + "/";
            TelemetryTopic = root + "telemetry";
            AlertTopic = root + "alert";
            StatusTopic = root + "status";
            CommandTopic = root + "cmd";
            AckTopic = root + "cmd/ack";

            // One set of message keys and one event composer for both threads: neither keeps
            // anything that changes while a message is written (each thread has its own writer).
            MessageFields fields = new MessageFields();
            _events = new EventComposer(packId, fields);
            TelemetryComposer telemetry = new TelemetryComposer(packId, profile.CellCount, profile.ThermistorCount, controller.Estimator, fields, settings.Mode);
            int alertSlotBytes = AlertSlotBytes(_events, settings.Format);
            int slotBytes = settings.Mode == TelemetryMode.Aggregate
                ? AggregateSlotBytes(telemetry, profile.CellCount, profile.ThermistorCount, settings.Format, alertSlotBytes)
                : TelemetrySlotBytes(profile.CellCount, profile.ThermistorCount, TelemetryProducer.BatchSamples(profile.SampleRateHz), settings);
            _telemetryQueue = new MessageQueue(settings.TelemetrySlots < 1 ? 1 : settings.TelemetrySlots, slotBytes);
            _alertQueue = new MessageQueue(settings.AlertSlots < 1 ? 1 : settings.AlertSlots, alertSlotBytes);
            _producer = new TelemetryProducer(profile.CellCount, profile.ThermistorCount, profile.CellCalibration, profile.SampleRateHz, settings,
                telemetry, _events, _telemetryQueue, _alertQueue, clock.NowMs);
            ReplayCounterStore counterStore = new ReplayCounterStore(storage);
            _verifier = new CommandVerifier(_deviceId, settings.CommandKey, counterStore.Load());
            _executor = new CommandExecutor(controller, counterStore, _producer, _mailbox);
            _backoff = new ReconnectBackoff(settings.ReconnectFirstDelayMs, settings.ReconnectMaxDelayMs, new DeterministicRandom(DeterministicRandom.SeedFrom(_deviceId)));
            if (settings.HomeAssistantDiscovery && settings.Format == PayloadFormat.Json)
                _discovery = new HomeAssistantDiscovery(settings.HomeAssistantPrefix, packId, _deviceId, profile.CellCount, profile.ThermistorCount, settings.Mode == TelemetryMode.Aggregate, TelemetryTopic, StatusTopic);

            // The will never changes: encoded once, kept at its own size (about 50 bytes, not a status buffer's 768).
            _jsonWriter.Begin(_buffer, _buffer.Length);
            _events.WriteOffline(_jsonWriter);
            _willLength = _jsonWriter.Length;
            _will = new byte[_willLength];
            Array.Copy(_buffer, _will, _willLength);
        }

        /// <summary>
        /// Slot size of the alert queue: the composer's alert written at start-up with every
        /// number at its widest (WidestValueWriter), for every fault name and contactor state, the
        /// longest unit and a detail of the format's allowance, for this pack's id. The fault
        /// record and the detail text it writes from are dropped again.
        /// </summary>
        public static int AlertSlotBytes(EventComposer events, PayloadFormat format)
        {
            FaultRecord fault = new FaultRecord();
            fault.Unit = LongestFaultUnit;
            fault.Detail = new string('d', format == PayloadFormat.Cbor ? CborAlertDetailCharacters : JsonAlertDetailCharacters);
            WidestValueWriter w = new WidestValueWriter(format == PayloadFormat.Cbor ? (PayloadWriter)new CborPayloadWriter() : new JsonPayloadWriter());
            byte[] nothing = new byte[0];
            int bytes = 0;
            for (int code = 0; code <= FaultNames.MaxCode; code++)
            {
                fault.Id = (FaultId)code;
                for (ContactorState state = ContactorState.Open; state <= ContactorState.Opening; state++)
                {
                    w.Begin(nothing, 0);
                    events.WriteAlert(w, fault, 0, state, 0);
                    if (w.WidestLength > bytes)
                        bytes = w.WidestLength;
                }
            }

            return bytes;
        }

        /// <summary>
        /// Slot size of the telemetry ring in samples mode: a generous envelope and the batch's
        /// samples at their worst case, capped at MaxMessageBytes (a message that would not fit is
        /// cut to the samples that do, the rest follow in the next one).
        /// </summary>
        public static int TelemetrySlotBytes(int cells, int thermistors, int batchSamples, UplinkSettings settings)
        {
            int bytes = TelemetryComposer.EnvelopeBytes + batchSamples * TelemetryComposer.WorstCaseSampleBytes(cells, thermistors, settings.Format);
            return bytes < MaxMessageBytes ? bytes : MaxMessageBytes;
        }

        /// <summary>
        /// Slot size of the telemetry ring in aggregate mode: the composer's own message, written
        /// at start-up with every number at its widest (WidestValueWriter) and every contactor
        /// state, so the slot is exactly as large as the largest message this pack id, these
        /// channels and this format can produce, and an aggregate is never lost for want of room.
        /// Never below an alert slot: a full alert queue puts its alert into a telemetry slot.
        /// The window it writes from and the writers are dropped again (about 1 KB, once).
        /// </summary>
        public static int AggregateSlotBytes(TelemetryComposer composer, int cells, int thermistors, PayloadFormat format, int alertSlotBytes)
        {
            AggregateWindow window = new AggregateWindow(cells, thermistors, null);
            window.Count = 1;
            window.FirstTimeMs = long.MaxValue;
            WidestValueWriter w = new WidestValueWriter(format == PayloadFormat.Cbor ? (PayloadWriter)new CborPayloadWriter() : new JsonPayloadWriter());
            byte[] nothing = new byte[0];
            int bytes = alertSlotBytes;
            for (ContactorState state = ContactorState.Open; state <= ContactorState.Opening; state++)
            {
                w.Begin(nothing, 0);
                composer.WriteAggregate(w, window, 0, 0, 0, state, 0);
                if (w.WidestLength > bytes)
                    bytes = w.WidestLength;
            }

            return bytes < MaxMessageBytes ? bytes : MaxMessageBytes;
        }

        public bool Connected
        {
            get { return _sessionUp; }
        }

        public int TelemetrySequence
        {
            get { return _producer.TelemetrySequence; }
        }

        public int AlertSequence
        {
            get { return _producer.AlertSequence; }
        }

        /// <summary>Telemetry messages lost to a full ring since start-up; the status message reports it.</summary>
        public int TelemetryDropped
        {
            get { return _producer.TelemetryDropped; }
        }

        public int AlertsDropped
        {
            get { return _producer.AlertsDropped; }
        }

        public int QueuedTelemetry
        {
            get { return _telemetryQueue.Count; }
        }

        public int QueuedAlerts
        {
            get { return _alertQueue.Count; }
        }

        public int IntervalMs
        {
            get { return _producer.IntervalMs; }
        }

        /// <summary>The control cycle failed half-way: aggregate mode's window starts again (TelemetryProducer.RestartWindow).</summary>
        public void OnCycleFailed()
        {
            _producer.RestartWindow();
        }

        /// <summary>Aggregate mode's window, for the sampler to fold into; null in samples mode.</summary>
        public AggregateWindow AggregateWindow
        {
            get { return _producer.Window; }
        }

        public int Connects
        {
            get { return _connects; }
        }

        public int CommandsRejected
        {
            get { return _commandsRejected; }
        }

        /// <summary>Commands taken from the session since start-up; each is executed by the next control cycle.</summary>
        public int CommandsReceived
        {
            get { return _commandsReceived; }
        }

        /// <summary>Milliseconds (board clock) before which no reconnect is attempted.</summary>
        public long NextAttemptMs
        {
            get { return _nextAttemptMs; }
        }

        // ---------------------------------------------------------------- control cycle

        /// <summary>Called by the control cycle once per sample, after protection.</summary>
        public void OnCycle(Sample sample, int flags, long nowMs, ContactorState contactor, int latchedFaults)
        {
            _contactor = contactor;
            _latchedFaults = latchedFaults;
            _producer.OnSample(sample, flags, nowMs, contactor, latchedFaults);
            _executor.ExecutePosted(nowMs, contactor, latchedFaults);
        }

        /// <summary>Called by the control cycle once per newly latched fault.</summary>
        public void OnAlert(FaultRecord fault, ContactorState contactor, int latchedFaults)
        {
            _producer.OnAlert(fault, contactor, latchedFaults);
        }

        // ---------------------------------------------------------------- uplink thread

        /// <summary>Calls Service until Stop, pausing LoopSleepMs between calls. For the board's uplink thread.</summary>
        public void RunLoop()
        {
            while (!_stop)
            {
                Service();
                Thread.Sleep(_settings.LoopSleepMs);
            }

            SafeDisconnect();
            _sessionUp = false;
        }

        public void Stop()
        {
            _stop = true;
        }

        /// <summary>
        /// One bounded pass of the uplink: (re)connect when due, ack a finished command, take one
        /// received command, publish up to MaxPublishesPerService queued messages (alerts, then
        /// telemetry, each oldest first) and the status when it is due. Never throws.
        /// </summary>
        public void Service()
        {
            long nowMs = 0;
            try
            {
                nowMs = _clock.NowMs;
                if (!_sessionUp)
                {
                    if (nowMs < _nextAttemptMs || !Connect(nowMs))
                        return;
                }
                else if (!_transport.IsConnected)
                {
                    LoseSession(nowMs);
                    return;
                }

                if (!PublishAck())
                {
                    LoseSession(nowMs);
                    return;
                }

                ReceiveCommand();
                if (!PublishBacklog() || !PublishStatusWhenDue())
                    LoseSession(nowMs);
            }
            catch (Exception)
            {
                // A transport that throws despite its contract: treat it as a lost session.
                LoseSession(nowMs);
            }
        }

        private bool Connect(long nowMs)
        {
            bool connected;
            try
            {
                connected = _transport.Connect(_deviceId, StatusTopic, _will, _willLength, _settings.KeepAliveSeconds)
                    && _transport.Subscribe(CommandTopic, 1);
            }
            catch (Exception)
            {
                connected = false;
            }

            if (!connected)
            {
                LoseSession(nowMs);
                return false;
            }

            _sessionUp = true;
            _connects++;
            _backoff.Reset();
            _backlogAfterConnect = _telemetryQueue.Count + _alertQueue.Count > 0;
            // The birth message: retained, so a dashboard opening later still sees the pack online.
            if (!PublishStatus() || !PublishDiscovery())
            {
                LoseSession(nowMs);
                return false;
            }

            return true;
        }

        private void LoseSession(long nowMs)
        {
            bool wasUp = _sessionUp;
            _sessionUp = false;
            SafeDisconnect();
            _nextAttemptMs = nowMs + _backoff.NextDelayMs();
            if (wasUp)
            {
                // Messages marked in flight go back to the front of their queues.
                _alertQueue.Complete(false);
                _telemetryQueue.Complete(false);
            }
        }

        private void SafeDisconnect()
        {
            try
            {
                _transport.Disconnect();
            }
            catch (Exception)
            {
            }
        }

        /// <summary>Reads and verifies one received command into the mailbox, when it is free.</summary>
        private void ReceiveCommand()
        {
            if (!_mailbox.IsFree)
                return;
            int length = _transport.Receive(_buffer);
            if (length < 0)
                return;
            Command command = _mailbox.Command;
            command.Reset();
            if (length > _buffer.Length)
            {
                command.Reject(RejectReason.Oversized);
            }
            else
            {
                command.IsCbor = !LooksLikeJson(_buffer, length);
                if (command.IsCbor)
                    _cborReader.Read(_buffer, length, command);
                else
                    _jsonReader.Read(_buffer, length, command);
                _verifier.Verify(command, _buffer);
            }

            _commandsReceived++;
            _mailbox.Post();
        }

        /// <summary>
        /// A JSON command starts with '{' (or is some other JSON text); a CBOR command is a map,
        /// whose first byte is 0xA0-0xBF. The ack answers in the command's format.
        /// </summary>
        private static bool LooksLikeJson(byte[] payload, int length)
        {
            for (int i = 0; i < length; i++)
            {
                byte b = payload[i];
                if (b != ' ' && b != '\t' && b != '\r' && b != '\n')
                    return b == '{' || b == '[';
            }

            return true;
        }

        /// <summary>
        /// Publishes the ack of a command the cycle finished, then frees the mailbox for the next
        /// command. The ack is written from the mailbox when it is sent rather than kept in a queue
        /// of its own: one command is in the box at a time, so while the session is down its ack
        /// simply waits there (no command can arrive then anyway), and the heap saves a queue.
        /// Returns false when the publish failed: the ack stays and goes first after the reconnect.
        /// </summary>
        private bool PublishAck()
        {
            if (!_mailbox.IsFinished)
                return true;
            Command command = _mailbox.Command;
            PayloadWriter w = command.IsCbor ? _cborWriter : _jsonWriter;
            w.Begin(_buffer, _buffer.Length);
            _events.WriteAck(w, command, _mailbox.FinishedMs, _mailbox.Contactor, _mailbox.LatchedFaults);
            if (!w.Overflowed && !Publish(AckTopic, _buffer, w.Length, 1, false))
                return false;
            if (command.Rejected)
            {
                _commandsRejected++;
                _lastReject = command.Reason;
            }
            else if (command.Kind == CommandKind.StatusGet || command.Kind == CommandKind.TelemetryInterval)
            {
                _statusRequested = true;
            }

            _mailbox.Release();
            return true;
        }

        private bool PublishBacklog()
        {
            int budget = _settings.MaxPublishesPerService;
            return Drain(_alertQueue, ref budget) && Drain(_telemetryQueue, ref budget);
        }

        private bool Drain(MessageQueue queue, ref int budget)
        {
            byte[] payload;
            int length;
            byte kind;
            while (budget > 0 && queue.Peek(out payload, out length, out kind))
            {
                bool sent = Publish(TopicOf(kind), payload, length, kind == MessageKind.Telemetry ? _settings.TelemetryQos : 1, false);
                queue.Complete(sent);
                if (!sent)
                    return false;
                budget--;
            }

            return true;
        }

        /// <summary>
        /// Status when asked for; and once the backlog is out after a reconnect, or whenever the
        /// drop count moved since the last status, so the cloud reads the final count after the
        /// replayed messages.
        /// </summary>
        private bool PublishStatusWhenDue()
        {
            bool backlogOut = _telemetryQueue.Count == 0 && _alertQueue.Count == 0;
            if (_statusRequested || (backlogOut && (_backlogAfterConnect || TelemetryDropped != _droppedReported)))
            {
                _backlogAfterConnect = false;
                return PublishStatus();
            }

            return true;
        }

        private bool PublishStatus()
        {
            _statusRequested = false;
            UplinkStatus s = _status;
            s.TimeMs = _clock.NowMs;
            s.TelemetrySequence = _producer.TelemetrySequence;
            s.AlertSequence = _producer.AlertSequence;
            s.TelemetryDropped = _producer.TelemetryDropped;
            s.AlertsDropped = _producer.AlertsDropped;
            s.Queued = _telemetryQueue.Count + _alertQueue.Count;
            s.Format = _settings.Format;
            s.Mode = _settings.Mode;
            s.IntervalMs = _producer.IntervalMs;
            s.Connects = _connects;
            s.CommandsRejected = _commandsRejected;
            s.LastRejectReason = _lastReject;
            s.Contactor = _contactor;
            s.LatchedFaults = _latchedFaults;
            // Written by the cycle, single floats: a value one cycle old is harmless here too.
            s.HasEstimate = _estimator != null && _estimator.HasEstimate;
            if (s.HasEstimate)
            {
                s.SocPercent = _estimator.Soc * 100f;
                s.SohPercent = _estimator.StateOfHealth * 100f;
            }
            // Status is JSON in both formats: the will is fixed at connect time and must be
            // readable by any tool (Home Assistant availability, mosquitto_sub).
            _jsonWriter.Begin(_buffer, _buffer.Length);
            _events.WriteStatus(_jsonWriter, s);
            if (!Publish(StatusTopic, _buffer, _jsonWriter.Length, 1, true))
                return false;
            _droppedReported = s.TelemetryDropped;
            return true;
        }

        private bool PublishDiscovery()
        {
            if (_discovery == null)
                return true;
            for (int i = 0; i < _discovery.Count; i++)
            {
                _jsonWriter.Begin(_buffer, _buffer.Length);
                _discovery.Write(_jsonWriter, i);
                if (_jsonWriter.Overflowed || !Publish(_discovery.TopicAt(i), _buffer, _jsonWriter.Length, 1, true))
                    return false;
            }

            return true;
        }

        private bool Publish(string topic, byte[] payload, int length, int qos, bool retain)
        {
            try
            {
                return _transport.Publish(topic, payload, length, qos, retain);
            }
            catch (Exception)
            {
                return false;
            }
        }

        private string TopicOf(byte kind)
        {
            return kind == MessageKind.Telemetry ? TelemetryTopic : AlertTopic;
        }
    }
}
