using nanoFramework.BMS.Profile;

namespace nanoFramework.BMS.Protection
{
    /// <summary>
    /// One preallocated record per fault id. A latched fault keeps the contactor open until a
    /// clear request finds its condition gone.
    /// </summary>
    public sealed class FaultLatch
    {
        private readonly FaultRecord[] _records = new FaultRecord[FaultNames.MaxCode + 1];
        private int _latchedCount;
        private int _unreportedCount;

        public FaultLatch()
        {
            for (int i = 0; i < _records.Length; i++)
            {
                _records[i] = new FaultRecord();
                _records[i].Id = (FaultId)i;
                _records[i].Index = -1;
            }
        }

        public int LatchedCount
        {
            get { return _latchedCount; }
        }

        /// <summary>Latched faults whose alert has not gone out yet.</summary>
        public int UnreportedCount
        {
            get { return _unreportedCount; }
        }

        /// <summary>Marks the fault's alert as sent.</summary>
        public void MarkReported(FaultRecord record)
        {
            if (record.Reported)
                return;
            record.Reported = true;
            _unreportedCount--;
        }

        public bool AnyLatched
        {
            get { return _latchedCount > 0; }
        }

        public int Capacity
        {
            get { return _records.Length; }
        }

        /// <summary>The record of a fault id; records that are not latched are also returned.</summary>
        public FaultRecord Get(FaultId id)
        {
            return _records[(int)id];
        }

        public FaultRecord At(int code)
        {
            return _records[code];
        }

        /// <summary>Latches the fault; returns true only when it was not latched already (so it is new).</summary>
        /// <summary>
        /// Latches the fault with its evidence (the detail is a cause or an exception type, or
        /// null); returns true only when it was not latched already (so it is new).
        /// </summary>
        public bool Latch(FaultId id, float value, string unit, int index, long timeMs, string detail)
        {
            FaultRecord record = _records[(int)id];
            record.ConditionActive = true;
            if (record.Latched)
                return false;
            record.Latched = true;
            record.Value = value;
            record.Unit = unit;
            record.Index = index;
            record.TimeMs = timeMs;
            record.Detail = detail;
            record.Reported = false;
            _latchedCount++;
            _unreportedCount++;
            return true;
        }

        /// <summary>
        /// Latches a fault that is an event rather than a lasting condition (an exception, a damaged
        /// blob): nothing can be seen to go away, so it can be cleared as soon as someone asks.
        /// </summary>
        public bool LatchEvent(FaultId id, float value, string unit, long timeMs, string detail)
        {
            bool isNew = Latch(id, value, unit, -1, timeMs, detail);
            _records[(int)id].ConditionActive = false;
            return isNew;
        }

        /// <summary>Unlatches everything, for a self-test that reuses its own latch.</summary>
        public void Reset()
        {
            for (int i = 0; i < _records.Length; i++)
            {
                _records[i].Latched = false;
                _records[i].ConditionActive = false;
                _records[i].Reported = true;
            }

            _latchedCount = 0;
            _unreportedCount = 0;
        }

        /// <summary>
        /// Unlatches every fault whose condition is gone; returns how many stay latched. Faults
        /// that clear only at the console stay latched unless atConsole.
        /// </summary>
        public int ClearInactive(bool atConsole)
        {
            for (int i = 0; i < _records.Length; i++)
            {
                FaultRecord record = _records[i];
                if (!atConsole && FaultNames.ClearsOnlyAtConsole(record.Id))
                    continue;
                if (record.Latched && !record.ConditionActive)
                {
                    record.Latched = false;
                    _latchedCount--;
                    if (!record.Reported)
                    {
                        record.Reported = true;
                        _unreportedCount--;
                    }
                }
            }

            return _latchedCount;
        }
    }
}
