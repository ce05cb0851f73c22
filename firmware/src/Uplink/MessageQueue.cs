namespace nanoFramework.BMS.Uplink
{
    /// <summary>
    /// A first-in first-out queue of encoded messages in preallocated byte slots, shared by one
    /// producer thread and the uplink thread. The producer encodes straight into a reserved slot
    /// (BeginWrite, Commit); the uplink thread publishes the oldest message (Peek, Complete)
    /// without holding the lock, and the slot it is sending is never reused meanwhile.
    /// When the queue is full the oldest telemetry message is dropped and counted; other kinds
    /// are never dropped to make room.
    /// </summary>
    public sealed class MessageQueue
    {
        private readonly object _sync = new object();
        private readonly byte[][] _slots;
        private readonly int[] _lengths;
        private readonly byte[] _kinds;
        private readonly int _slotBytes;

        // A ring of slot references: entries at logical positions 0.._count-1 from _head, free
        // slots after them. The producer writes into the first free one (logical _count), so
        // committing never copies.
        private int _head;
        private int _count;
        private bool _headInFlight;
        private bool _writing;
        private int _telemetryDropped;

        public MessageQueue(int slots, int slotBytes)
        {
            // One more slot than the capacity: the producer's spare.
            _slots = new byte[slots + 1][];
            for (int i = 0; i < _slots.Length; i++)
                _slots[i] = new byte[slotBytes];
            _lengths = new int[slots + 1];
            _kinds = new byte[slots + 1];
            _slotBytes = slotBytes;
        }

        public int Capacity
        {
            get { return _slots.Length - 1; }
        }

        public int SlotBytes
        {
            get { return _slotBytes; }
        }

        public int Count
        {
            get
            {
                lock (_sync)
                    return _count;
            }
        }

        /// <summary>Telemetry messages dropped to make room since start-up: exact, for the status message.</summary>
        public int TelemetryDropped
        {
            get
            {
                lock (_sync)
                    return _telemetryDropped;
            }
        }

        /// <summary>
        /// Reserves the spare slot for a new message of that kind. When the queue is full the
        /// oldest telemetry message not being sent makes room; returns null when nothing may be
        /// dropped (a full queue of alerts), and the caller keeps its message elsewhere or counts it.
        /// </summary>
        public byte[] BeginWrite()
        {
            lock (_sync)
            {
                if (_count == Capacity && !DropOldestTelemetry())
                    return null;
                _writing = true;
                return _slots[Physical(_count)];
            }
        }

        /// <summary>Makes the reserved slot's message visible to the uplink thread.</summary>
        public void Commit(int length, byte kind)
        {
            lock (_sync)
            {
                if (!_writing)
                    return;
                int slot = Physical(_count);
                _lengths[slot] = length;
                _kinds[slot] = kind;
                _count++;
                _writing = false;
            }
        }

        /// <summary>Gives the reserved slot back unused (the message did not fit).</summary>
        public void Abandon()
        {
            lock (_sync)
                _writing = false;
        }

        /// <summary>The oldest message, now marked in flight so no producer reuses its slot; false when empty.</summary>
        public bool Peek(out byte[] payload, out int length, out byte kind)
        {
            lock (_sync)
            {
                if (_count == 0)
                {
                    payload = null;
                    length = 0;
                    kind = 0;
                    return false;
                }

                int slot = _head;
                payload = _slots[slot];
                length = _lengths[slot];
                kind = _kinds[slot];
                _headInFlight = true;
                return true;
            }
        }

        /// <summary>Ends the send of the peeked message: removed when sent, kept at the front for the next try when not.</summary>
        public void Complete(bool sent)
        {
            lock (_sync)
            {
                if (!_headInFlight)
                    return;
                _headInFlight = false;
                if (sent && _count > 0)
                    RemoveAt(0);
            }
        }

        private bool DropOldestTelemetry()
        {
            for (int position = _headInFlight ? 1 : 0; position < _count; position++)
            {
                if (_kinds[Physical(position)] == MessageKind.Telemetry)
                {
                    RemoveAt(position);
                    _telemetryDropped++;
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Removes the entry at a logical position. The front is removed by advancing the head,
        /// which leaves the physical slot of the spare unchanged (the producer may be writing into
        /// it). A later entry is removed by shifting the slot references behind it down by one and
        /// parking the freed buffer at the new end; no message bytes are copied.
        /// </summary>
        private void RemoveAt(int position)
        {
            if (position == 0)
            {
                _head = (_head + 1) % _slots.Length;
                _count--;
                return;
            }

            int last = _count - 1;
            byte[] freed = _slots[Physical(position)];
            for (int p = position; p < last; p++)
            {
                int to = Physical(p);
                int from = Physical(p + 1);
                _slots[to] = _slots[from];
                _lengths[to] = _lengths[from];
                _kinds[to] = _kinds[from];
            }

            _slots[Physical(last)] = freed;
            _count--;
        }

        private int Physical(int position)
        {
            return (_head + position) % _slots.Length;
        }
    }
}
