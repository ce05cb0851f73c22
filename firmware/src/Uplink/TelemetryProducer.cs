using nanoFramework.BMS.Contactor;
using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Protection;
using nanoFramework.BMS.Telemetry;
using nanoFramework.BMS.Uplink.Encoding;

namespace nanoFramework.BMS.Uplink
{
    /// <summary>
    /// The control cycle's half of the uplink: batches samples (or aggregates them) and, once per
    /// interval, encodes the message straight into a slot of the telemetry ring; encodes each new
    /// alert into the alert queue. Never touches the network, never allocates.
    /// </summary>
    public sealed class TelemetryProducer
    {
        public const int MinIntervalMs = 1000;

        private readonly TelemetryMode _mode;
        private readonly int _samplePeriodMs;
        private readonly TelemetryBatch _batch;
        private readonly AggregateWindow _window;
        private readonly TelemetryComposer _telemetry;
        private readonly EventComposer _events;
        private readonly PayloadWriter _writer;
        private readonly MessageQueue _telemetryQueue;
        private readonly MessageQueue _alertQueue;
        private int _telemetrySequence;
        private int _alertSequence;
        private int _telemetryRefused;
        private int _alertsDropped;
        private long _nextTelemetryMs;
        private int _intervalMs = MinIntervalMs;
        private int _stride = 1;
        private int _strideCounter;

        // The controller's one Sample, refilled every cycle: a window closed by a command between
        // cycles takes a failing channel's last good value from it.
        private Sample _lastSample;

        public TelemetryProducer(int cells, int thermistors, ChannelCalibration[] cellCalibration, int sampleRateHz, UplinkSettings settings, TelemetryComposer telemetry, EventComposer events, MessageQueue telemetryQueue, MessageQueue alertQueue, long nowMs)
        {
            _mode = settings.Mode;
            _samplePeriodMs = 1000 / sampleRateHz;
            // Only the mode's own store: at 16 cells and 100 Hz the batch is about 15 KB, which
            // an ESP32 in aggregate mode cannot spare.
            if (_mode == TelemetryMode.Aggregate)
                _window = new AggregateWindow(cells, thermistors, cellCalibration);
            else
                _batch = new TelemetryBatch(cells, thermistors, BatchSamples(sampleRateHz));
            _telemetry = telemetry;
            _events = events;
            _writer = settings.Format == PayloadFormat.Cbor ? new CborPayloadWriter() : new JsonPayloadWriter();
            _telemetryQueue = telemetryQueue;
            _alertQueue = alertQueue;
            _nextTelemetryMs = nowMs + _intervalMs;
        }

        /// <summary>Room for one and a half seconds of samples, so a late slot loses nothing.</summary>
        public static int BatchSamples(int sampleRateHz)
        {
            return sampleRateHz * 3 / 2 + 1;
        }

        public int TelemetrySequence
        {
            get { return _telemetrySequence; }
        }

        public int AlertSequence
        {
            get { return _alertSequence; }
        }

        /// <summary>Telemetry messages lost since start-up: dropped from the full ring, or refused by a ring full of alerts.</summary>
        public int TelemetryDropped
        {
            get { return _telemetryQueue.TelemetryDropped + _telemetryRefused; }
        }

        public int AlertsDropped
        {
            get { return _alertsDropped; }
        }

        public int IntervalMs
        {
            get { return _intervalMs; }
        }

        /// <summary>The window the sampler folds the channels into; null in samples mode.</summary>
        public AggregateWindow Window
        {
            get { return _window; }
        }

        public void OnSample(Sample sample, int flags, long nowMs, ContactorState contactor, int latchedFaults)
        {
            _lastSample = sample;
            if (_mode == TelemetryMode.Aggregate)
            {
                _window.Add(sample, flags);
                if (nowMs >= _nextTelemetryMs)
                    Emit(nowMs, contactor, latchedFaults);
                return;
            }

            if (_strideCounter == 0)
                _batch.Add(sample, flags);
            _strideCounter++;
            if (_strideCounter >= _stride)
                _strideCounter = 0;
            if (nowMs >= _nextTelemetryMs || _batch.IsFull)
                Emit(nowMs, contactor, latchedFaults);
        }

        /// <summary>
        /// A new interval (validated by the caller). What was gathered at the old one goes out as
        /// it was, so no message mixes two strides or two window lengths. In samples mode a message
        /// still holds at most one second of samples: a longer interval thins them.
        /// </summary>
        public void SetInterval(int intervalMs, long nowMs, ContactorState contactor, int latchedFaults)
        {
            Emit(nowMs, contactor, latchedFaults);
            _intervalMs = intervalMs;
            if (_mode == TelemetryMode.Samples)
            {
                _stride = intervalMs / MinIntervalMs;
                _strideCounter = 0;
            }

            _nextTelemetryMs = nowMs + intervalMs;
        }

        /// <summary>
        /// After a control cycle failed half-way: the sampler may have folded some of that cycle's
        /// cells into the window and not others, and the sample never reached OnSample, so the
        /// window's sums no longer match its count. It starts again; the samples gathered before
        /// the failure in that window are not sent (sampleSeq shows the gap; the cycle's failure
        /// is an alert of its own).
        /// </summary>
        public void RestartWindow()
        {
            if (_window != null)
                _window.Clear();
        }

        public void OnAlert(FaultRecord fault, ContactorState contactor, int latchedFaults)
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

            _writer.Begin(slot, queue.SlotBytes);
            _events.WriteAlert(_writer, fault, sequence, contactor, latchedFaults);
            if (_writer.Overflowed)
            {
                queue.Abandon();
                _alertsDropped++;
                return;
            }

            queue.Commit(_writer.Length, MessageKind.Alert);
        }

        private void Emit(long nowMs, ContactorState contactor, int latchedFaults)
        {
            if (_mode == TelemetryMode.Aggregate)
            {
                if (_window.Count > 0)
                    EncodeAggregate(contactor, latchedFaults);
                _window.Clear();
            }
            else
            {
                int from = 0;
                while (from < _batch.Count)
                {
                    int written = EncodeSamples(from, _batch.Count - from, contactor, latchedFaults);
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
        /// unusually noisy data the message would pass the slot size, and then it is cut to the
        /// samples that fit and the rest follow in the next message (sampleSeq stays continuous).
        /// Returns how many samples were dealt with, 0 or less when nothing could be sent.
        /// </summary>
        private int EncodeSamples(int from, int count, ContactorState contactor, int latchedFaults)
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
                _writer.Begin(slot, capacity);
                _telemetry.WriteSamples(_writer, _batch, from, count, _stride, sequence, periodMs, contactor, latchedFaults);
                if (!_writer.Overflowed)
                {
                    _telemetryQueue.Commit(_writer.Length, MessageKind.Telemetry);
                    return count;
                }

                // Scale down by how much it overflowed, and always by at least one sample.
                int fitting = (int)((long)count * capacity / _writer.RequiredLength);
                count = fitting < count ? fitting : count - 1;
            }

            _telemetryQueue.Abandon();
            _telemetryRefused++;
            return -1;
        }

        private void EncodeAggregate(ContactorState contactor, int latchedFaults)
        {
            byte[] slot = _telemetryQueue.BeginWrite();
            int sequence = ++_telemetrySequence;
            if (slot == null)
            {
                _telemetryRefused++;
                return;
            }

            _window.Close(_lastSample);
            _writer.Begin(slot, _telemetryQueue.SlotBytes);
            _telemetry.WriteAggregate(_writer, _window, sequence, _samplePeriodMs, _intervalMs, contactor, latchedFaults);
            if (_writer.Overflowed)
            {
                _telemetryQueue.Abandon();
                _telemetryRefused++;
                return;
            }

            _telemetryQueue.Commit(_writer.Length, MessageKind.Telemetry);
        }
    }
}
