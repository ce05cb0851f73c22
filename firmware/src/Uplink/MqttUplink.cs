using System;
using System.Threading;
using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Contactor;
using nanoFramework.BMS.Ports;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Protection;
using nanoFramework.BMS.Telemetry;
using nanoFramework.BMS.Uplink.Commands;
using nanoFramework.BMS.Uplink.Encoding;

namespace nanoFramework.BMS.Uplink
{
    /// <summary>
    /// The MQTT uplink (docs/mqtt.md). Two threads meet here and only through locked queues and
    /// one command mailbox:
    /// - the control cycle calls OnCycle and OnAlert: samples are batched, and once per interval
    ///   encoded straight into a slot of the telemetry ring; alerts go to their own queue; a
    ///   verified command is executed through the PackController's public methods. Nothing here
    ///   touches the network or allocates.
    /// - the board's uplink thread calls Service (or RunLoop): connect with backoff, publish the
    ///   backlog oldest first, receive, parse and verify commands, publish acks and status.
    /// Nothing from the network can throw out of either side.
    /// </summary>
    public sealed class MqttUplink
    {
        /// <summary>Every message stays under 8 KB, the target and a comfortable M2Mqtt buffer.</summary>
        public const int MaxMessageBytes = 8000;

        /// <summary>Commands are small; anything bigger is refused unread.</summary>
        public const int MaxCommandBytes = 1024;

        private const int EventSlotBytes = 512;
        private const int AckSlots = 4;
        private const int StatusBytes = 768;
        private const int CommandIdle = 0;
        private const int CommandPending = 1;
        private const int CommandDone = 2;

        public readonly string TelemetryTopic;
        public readonly string AlertTopic;
        public readonly string StatusTopic;
        public readonly string CommandTopic;
        public readonly string AckTopic;

        private readonly PackController _controller;
        private readonly IMqttTransport _transport;
        private readonly IClock _clock;
        private readonly UplinkSettings _settings;
        private readonly string _deviceId;
        private readonly int _samplePeriodMs;

        // Control-cycle side.
        private readonly TelemetryBatch _batch;
        private readonly AggregateWindow _window;
        private readonly TelemetryComposer _telemetry;
        private readonly EventComposer _events;
        private readonly PayloadWriter _cycleWriter;
        private readonly MessageQueue _telemetryQueue;
        private readonly MessageQueue _alertQueue;
        private readonly ReplayCounterStore _counterStore;
        private int _telemetrySequence;
        private int _alertSequence;
        private int _telemetryRefused;
        private int _alertsDropped;
        private long _nextTelemetryMs;
        private int _intervalMs;
        private int _stride = 1;
        private int _strideCounter;

        // Written by one thread, read by the other. Single words, and a value one cycle old is
        // harmless in a status message; nanoFramework has no volatile, so no keyword here.
        private bool _contactorClosed;
        private int _latchedFaults;
        private bool _statusRequested;

        // The command mailbox: the uplink thread fills it (Pending), the cycle executes it (Done),
        // the uplink thread acks it (Idle).
        // The state is only read and written under the lock, whose fences also publish the
        // command's fields to the other thread.
        private readonly Command _command = new Command();
        private readonly object _mailbox = new object();
        private int _commandState;
        private long _commandDoneMs;
        private bool _ackContactorClosed;
        private int _ackLatchedFaults;

        // Uplink-thread side.
        private readonly MessageQueue _ackQueue;
        private readonly byte[] _received = new byte[MaxCommandBytes];
        private readonly JsonCommandReader _jsonReader = new JsonCommandReader();
        private readonly CborCommandReader _cborReader = new CborCommandReader();
        private readonly CommandVerifier _verifier;
        private readonly JsonPayloadWriter _jsonWriter = new JsonPayloadWriter();
        private readonly CborPayloadWriter _cborWriter = new CborPayloadWriter();
        private readonly byte[] _statusBuffer = new byte[StatusBytes];
        private readonly byte[] _will = new byte[StatusBytes];
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
        private bool _stop;

        public MqttUplink(PackController controller, IMqttTransport transport, IClock clock, IStorage storage, UplinkSettings settings)
        {
            _controller = controller;
            _transport = transport;
            _clock = clock;
            _settings = settings;
            PackProfile profile = controller.Profile;
            string packId = profile.PackId;
            _deviceId = settings.DeviceId == null ? packId : settings.DeviceId;
            string root = settings.TopicPrefix + packId + "/";
            TelemetryTopic = root + "telemetry";
            AlertTopic = root + "alert";
            StatusTopic = root + "status";
            CommandTopic = root + "cmd";
            AckTopic = root + "cmd/ack";

            _samplePeriodMs = profile.PeriodMs;
            _intervalMs = 1000;
            // Room for one and a half intervals of samples, so a late slot loses nothing.
            int batchSamples = profile.SampleRateHz * 3 / 2 + 1;
            _batch = new TelemetryBatch(profile.CellCount, profile.ThermistorCount, batchSamples);
            _window = new AggregateWindow(profile.CellCount, profile.ThermistorCount);
            _telemetry = new TelemetryComposer(packId);
            _events = new EventComposer(packId, controller.Rules);
            _cycleWriter = settings.Format == PayloadFormat.Cbor ? new CborPayloadWriter() : new JsonPayloadWriter();
            _telemetryQueue = new MessageQueue(settings.TelemetrySlots < 1 ? 1 : settings.TelemetrySlots, TelemetrySlotBytes(profile.CellCount, profile.ThermistorCount, batchSamples, settings));
            _alertQueue = new MessageQueue(settings.AlertSlots < 1 ? 1 : settings.AlertSlots, EventSlotBytes);
            _ackQueue = new MessageQueue(AckSlots, EventSlotBytes);
            _counterStore = new ReplayCounterStore(storage);
            _verifier = new CommandVerifier(_deviceId, settings.CommandKey, _counterStore.Load());
            _backoff = new ReconnectBackoff(settings.ReconnectFirstDelayMs, settings.ReconnectMaxDelayMs, new DeterministicRandom(DeterministicRandom.SeedFrom(_deviceId)));
            if (settings.HomeAssistantDiscovery && settings.Format == PayloadFormat.Json)
                _discovery = new HomeAssistantDiscovery(settings.HomeAssistantPrefix, packId, _deviceId, profile.CellCount, profile.ThermistorCount, settings.Mode == TelemetryMode.Aggregate, TelemetryTopic, StatusTopic);

            _jsonWriter.Begin(_will, _will.Length);
            _events.WriteOffline(_jsonWriter);
            _willLength = _jsonWriter.Length;
            _nextTelemetryMs = clock.NowMs + _intervalMs;
        }

        /// <summary>Slot size of the telemetry ring: the largest message the profile can produce, capped at MaxMessageBytes.</summary>
        public static int TelemetrySlotBytes(int cells, int thermistors, int batchSamples, UplinkSettings settings)
        {
            int bytes = settings.Mode == TelemetryMode.Aggregate
                ? TelemetryComposer.EnvelopeBytes + (cells + thermistors) * 3 * 13 + 3 * 3 * 13
                : TelemetryComposer.EnvelopeBytes + batchSamples * TelemetryComposer.WorstCaseSampleBytes(cells, thermistors, settings.Format);
            return bytes < MaxMessageBytes ? bytes : MaxMessageBytes;
        }

        public bool Connected
        {
            get { return _sessionUp; }
        }

        public int TelemetrySequence
        {
            get { return _telemetrySequence; }
        }

        public int AlertSequence
        {
            get { return _alertSequence; }
        }

        /// <summary>Telemetry messages lost to a full ring since start-up; the status message reports it.</summary>
        public int TelemetryDropped
        {
            get { return _telemetryQueue.TelemetryDropped + _telemetryRefused; }
        }

        public int AlertsDropped
        {
            get { return _alertsDropped; }
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
            get { return _intervalMs; }
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

        private int CommandState
        {
            get
            {
                lock (_mailbox)
                    return _commandState;
            }

            set
            {
                lock (_mailbox)
                    _commandState = value;
            }
        }

        // ---------------------------------------------------------------- control cycle

        /// <summary>Called by the control cycle once per sample, after protection.</summary>
        public void OnCycle(Sample sample, int flags, long nowMs, bool contactorClosed, int latchedFaults)
        {
            _contactorClosed = contactorClosed;
            _latchedFaults = latchedFaults;
            if (_settings.Mode == TelemetryMode.Aggregate)
            {
                _window.Add(sample, flags);
            }
            else
            {
                if (_strideCounter == 0)
                    _batch.Add(sample, flags);
                _strideCounter++;
                if (_strideCounter >= _stride)
                    _strideCounter = 0;
            }

            if (nowMs >= _nextTelemetryMs || _batch.IsFull)
                EmitTelemetry(nowMs, contactorClosed, latchedFaults);

            if (CommandState == CommandPending)
                ExecuteCommand(nowMs);
        }

        /// <summary>Called by the control cycle once per newly latched fault.</summary>
        public void OnAlert(FaultRecord fault, bool contactorClosed, int latchedFaults)
        {
            int sequence = ++_alertSequence;
            MessageQueue queue = _alertQueue;
            byte[] slot = queue.BeginWrite();
            if (slot == null)
            {
                // The alert queue is full: the alert takes the room of the oldest telemetry.
                queue = _telemetryQueue;
                slot = queue.BeginWrite();
            }

            if (slot == null)
            {
                _alertsDropped++;
                return;
            }

            _cycleWriter.Begin(slot, queue.SlotBytes);
            _events.WriteAlert(_cycleWriter, fault, sequence, contactorClosed, latchedFaults);
            if (_cycleWriter.Overflowed)
            {
                queue.Abandon();
                _alertsDropped++;
                return;
            }

            queue.Commit(_cycleWriter.Length, MessageKind.Alert);
        }

        private void EmitTelemetry(long nowMs, bool contactorClosed, int latchedFaults)
        {
            if (_settings.Mode == TelemetryMode.Aggregate)
            {
                if (_window.Count > 0)
                    EncodeAggregate(contactorClosed, latchedFaults);
                _window.Clear();
            }
            else
            {
                int from = 0;
                while (from < _batch.Count)
                {
                    int written = EncodeSamples(from, _batch.Count - from, contactorClosed, latchedFaults);
                    if (written <= 0)
                        break;
                    from += written;
                }

                _batch.Clear();
            }

            _nextTelemetryMs += _intervalMs;
            if (_nextTelemetryMs <= nowMs)
                _nextTelemetryMs = nowMs + _intervalMs;
        }

        /// <summary>
        /// Encodes as many of the samples as fit one message. Normally all of them do; with
        /// unusually noisy data the message would pass MaxMessageBytes, and then it is cut to the
        /// samples that fit and the rest follow in the next message (sampleSeq stays continuous).
        /// Returns how many samples went out, 0 or less when nothing could be sent.
        /// </summary>
        private int EncodeSamples(int from, int count, bool contactorClosed, int latchedFaults)
        {
            byte[] slot = _telemetryQueue.BeginWrite();
            int sequence = ++_telemetrySequence;
            if (slot == null)
            {
                _telemetryRefused++;
                return count;
            }

            int capacity = _telemetryQueue.SlotBytes;
            int periodMs = _samplePeriodMs * _stride;
            while (count > 0)
            {
                _cycleWriter.Begin(slot, capacity);
                _telemetry.WriteSamples(_cycleWriter, _batch, from, count, _stride, sequence, periodMs, contactorClosed, latchedFaults);
                if (!_cycleWriter.Overflowed)
                {
                    _telemetryQueue.Commit(_cycleWriter.Length, MessageKind.Telemetry);
                    return count;
                }

                // Scale down by how much it overflowed, and always by at least one sample.
                int fitting = (int)((long)count * capacity / _cycleWriter.RequiredLength);
                count = fitting < count ? fitting : count - 1;
            }

            _telemetryQueue.Abandon();
            _telemetryRefused++;
            return -1;
        }

        private void EncodeAggregate(bool contactorClosed, int latchedFaults)
        {
            byte[] slot = _telemetryQueue.BeginWrite();
            int sequence = ++_telemetrySequence;
            if (slot == null)
            {
                _telemetryRefused++;
                return;
            }

            _cycleWriter.Begin(slot, _telemetryQueue.SlotBytes);
            _telemetry.WriteAggregate(_cycleWriter, _window, sequence, _samplePeriodMs, _intervalMs, contactorClosed, latchedFaults);
            if (_cycleWriter.Overflowed)
            {
                _telemetryQueue.Abandon();
                _telemetryRefused++;
                return;
            }

            _telemetryQueue.Commit(_cycleWriter.Length, MessageKind.Telemetry);
        }

        /// <summary>
        /// Runs the mailbox's command in the control cycle, like a console command, so the
        /// contactor and the fault latch are only ever touched from one thread. Closing goes
        /// through PackController.RequestClose, which refuses while a fault is latched.
        /// </summary>
        private void ExecuteCommand(long nowMs)
        {
            Command command = _command;
            if (command.CounterAccepted)
                _counterStore.Save(command.Counter);
            if (!command.Rejected)
            {
                switch (command.Kind)
                {
                    case CommandKind.ContactorOpen:
                        _controller.OpenContactor();
                        break;
                    case CommandKind.ContactorClose:
                        command.Reject(_controller.RequestClose());
                        break;
                    case CommandKind.FaultsClear:
                        if (_controller.ClearFaults() > 0)
                            command.Reject(RejectReason.ConditionsPresent);
                        break;
                    case CommandKind.StatusGet:
                        _statusRequested = true;
                        break;
                    case CommandKind.TelemetryInterval:
                        // What was gathered at the old interval goes out as it was, so no
                        // message mixes two strides or two window lengths.
                        EmitTelemetry(nowMs, _contactorClosed, _latchedFaults);
                        _intervalMs = (int)command.IntervalMs;
                        if (_settings.Mode == TelemetryMode.Samples)
                        {
                            // One message still holds at most one second of samples: longer intervals thin them.
                            _stride = _intervalMs / 1000;
                            _strideCounter = 0;
                        }

                        _nextTelemetryMs = nowMs + _intervalMs;
                        _statusRequested = true;
                        break;
                }
            }

            _ackContactorClosed = _controller.ContactorState == ContactorState.Closed;
            _ackLatchedFaults = _controller.Faults.LatchedCount;
            _contactorClosed = _ackContactorClosed;
            _latchedFaults = _ackLatchedFaults;
            _commandDoneMs = nowMs;
            CommandState = CommandDone;
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
        /// received command, publish up to MaxPublishesPerService queued messages (acks, then
        /// alerts, then telemetry, each oldest first) and the status when it changed. Never throws.
        /// </summary>
        public void Service()
        {
            long nowMs = 0;
            try
            {
                nowMs = _clock.NowMs;
                FinishCommand();
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
            bool connected = false;
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
            _backlogAfterConnect = _telemetryQueue.Count + _alertQueue.Count > 0;
            _backoff.Reset();
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
                _ackQueue.Complete(false);
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

        private void ReceiveCommand()
        {
            if (CommandState != CommandIdle)
                return;
            int length = _transport.Receive(_received);
            if (length < 0)
                return;
            Command command = _command;
            command.Reset();
            if (length > _received.Length)
            {
                command.Reject(RejectReason.Oversized);
            }
            else
            {
                command.IsCbor = !LooksLikeJson(_received, length);
                if (command.IsCbor)
                    _cborReader.Read(_received, length, command);
                else
                    _jsonReader.Read(_received, length, command);
                _verifier.Verify(command, _received);
            }

            _commandsReceived++;
            CommandState = CommandPending;
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

        /// <summary>Encodes the ack of a command the cycle finished; it waits in the mailbox while the ack queue is full.</summary>
        private void FinishCommand()
        {
            if (CommandState != CommandDone)
                return;
            byte[] slot = _ackQueue.BeginWrite();
            if (slot == null)
                return;
            Command command = _command;
            PayloadWriter w = command.IsCbor ? _cborWriter : _jsonWriter;
            w.Begin(slot, _ackQueue.SlotBytes);
            _events.WriteAck(w, command, _commandDoneMs, _ackContactorClosed, _ackLatchedFaults);
            if (w.Overflowed)
                _ackQueue.Abandon();
            else
                _ackQueue.Commit(w.Length, MessageKind.Ack);
            if (command.Rejected)
            {
                _commandsRejected++;
                _lastReject = command.Reason;
            }

            CommandState = CommandIdle;
        }

        private bool PublishBacklog()
        {
            int budget = _settings.MaxPublishesPerService;
            return Drain(_ackQueue, ref budget) && Drain(_alertQueue, ref budget) && Drain(_telemetryQueue, ref budget);
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
            s.TelemetrySequence = _telemetrySequence;
            s.AlertSequence = _alertSequence;
            s.TelemetryDropped = TelemetryDropped;
            s.AlertsDropped = _alertsDropped;
            s.Queued = _telemetryQueue.Count + _alertQueue.Count;
            s.Format = _settings.Format;
            s.Mode = _settings.Mode;
            s.IntervalMs = _intervalMs;
            s.Connects = _connects;
            s.CommandsRejected = _commandsRejected;
            s.LastRejectReason = _lastReject;
            s.ContactorClosed = _contactorClosed;
            s.LatchedFaults = _latchedFaults;
            // Status is JSON in both formats: the will is fixed at connect time and must be
            // readable by any tool (Home Assistant availability, mosquitto_sub).
            _jsonWriter.Begin(_statusBuffer, _statusBuffer.Length);
            _events.WriteStatus(_jsonWriter, s);
            if (!Publish(StatusTopic, _statusBuffer, _jsonWriter.Length, 1, true))
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
                _jsonWriter.Begin(_statusBuffer, _statusBuffer.Length);
                _discovery.Write(_jsonWriter, i);
                if (_jsonWriter.Overflowed || !Publish(_discovery.TopicAt(i), _statusBuffer, _jsonWriter.Length, 1, true))
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
            if (kind == MessageKind.Telemetry)
                return TelemetryTopic;
            if (kind == MessageKind.Alert)
                return AlertTopic;
            return AckTopic;
        }
    }
}
